import { describe, expect, it } from 'vitest';
import { batchMeans, configFrom, runTraced } from './helpers.ts';

/**
 * Group commit against a closed form, at a load where a one-at-a-time log writer is unstable.
 *
 * Model: writes arrive at the primary as a Poisson stream (rate λ); each flush takes a constant
 * c and commits every write that was waiting when it started; a write that arrives while a
 * flush runs waits for the next one. With λc = 2 a serial log writer (one write per c) would
 * be an M/D/1 queue at utilisation ρ = λc = 2 > 1: its queue and latency grow without bound.
 *
 * Derivation for group commit. An idle log writer starts a flush on the first arrival; a flush
 * is followed by another iff at least one write arrived during it, with probability
 * q = 1 − e^(−λc). So a busy period is N flushes, N geometric with mean 1/(1 − q) = e^(λc),
 * and lasts c·e^(λc) on average; idle periods last 1/λ on average. The fraction of time a flush
 * is running is therefore ρ_b = λc·e^(λc) / (1 + λc·e^(λc)), and by PASTA a write finds a flush
 * running with that probability. A write that finds the writer idle commits after exactly c;
 * one that finds a flush running is at a uniform point u of it and commits after (c − u) + c.
 * Hence P(wait) = ρ_b, mean commit time c·(1 + ρ_b/2), and never more than 2c. Every arriving
 * write commits: throughput equals λ, twice what a serial writer could do. Flushes happen at
 * rate ρ_b/c, so the mean group holds λc/ρ_b = λc + e^(−λc) writes.
 *
 * The keys are many (10^5) so that two writes to one key within 2c (a row-lock wait) happen
 * for about λ·2c/10^5 = 4·10^−5 of writes, far below the tolerances. Tolerances are Z standard
 * errors of the run's own estimates by batch means (the latencies of neighbouring writes are
 * correlated through shared flushes).
 */
const Z = 4;
const lambda = 2000; // writes per second
const cMs = 1; // one flush (fsync)
const clientMs = 0.25;
const x = lambda * (cMs / 1000); // λc = 2
const busy = (x * Math.exp(x)) / (1 + x * Math.exp(x)); // ρ_b ≈ 0.9366

describe('group commit at λ = 2 / commitTime (a serial log writer would be unstable)', () => {
  const config = configFrom(`
name: group-commit
seed: 21
duration: 30s
nodes: [{ id: p, role: primary }]
replication: { commitTime: ${cMs}ms }
network: { clientLatency: ${clientMs}ms }
workload: [{ name: w, writes: { rate: ${lambda}/s, keys: 100000 } }]
`);
  const { trace, report } = runTraced(config);
  const latencies = trace.flatMap((r) => (r.type === 'write.ack' ? [r.latencyUs / 1000 - 2 * clientMs] : []));

  it('commits every write: throughput equals the arrival rate, above the serial capacity 1/c', () => {
    expect(lambda * cMs / 1000).toBeGreaterThan(1);
    const inFlightAtEnd = lambda * ((2 * cMs + 2 * clientMs) / 1000); // writes issued in the last max-latency
    expect(report.writes.issued - report.writes.acknowledged).toBeLessThanOrEqual(inFlightAtEnd * 3);
    expect(report.writes.acknowledged / 30).toBeGreaterThan(0.95 * lambda);
  });

  it('has mean commit time c·(1 + ρ_b/2) and never more than 2c', () => {
    const { mean, stderr } = batchMeans(latencies);
    expect(Math.abs(mean - cMs * (1 + busy / 2))).toBeLessThan(Z * stderr);
    expect(Math.max(...latencies)).toBeLessThanOrEqual(2 * cMs + 1e-9);
    expect(Math.min(...latencies)).toBeGreaterThanOrEqual(cMs - 1e-9);
  });

  it('makes a write wait for the running flush with probability ρ_b', () => {
    const waited = latencies.map((ms) => (ms > cMs + 1e-6 ? 1 : 0));
    const { mean, stderr } = batchMeans(waited);
    expect(Math.abs(mean - busy)).toBeLessThan(Z * stderr);
  });

  it('records each write’s group; groups hold λc + e^(−λc) writes on average', () => {
    const commits = trace.flatMap((r) => (r.type === 'write.commit' ? [r] : []));
    // A group is named by its first LSN and holds consecutive LSNs committed at one instant.
    expect(commits.filter((r) => r.group > r.lsn)).toEqual([]);
    const sizes = new Map<number, number>();
    for (const r of commits) sizes.set(r.group, (sizes.get(r.group) ?? 0) + 1);
    const perGroup = [...sizes.values()];
    const { mean, stderr } = batchMeans(perGroup);
    expect(Math.abs(mean - (x + Math.exp(-x)))).toBeLessThan(Z * stderr);
    const at = new Map<number, number>();
    for (const r of commits) if (!at.has(r.group)) at.set(r.group, r.t);
    expect(commits.filter((r) => r.t !== at.get(r.group))).toEqual([]);
  });
});
