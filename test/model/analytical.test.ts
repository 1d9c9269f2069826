import { describe, expect, it } from 'vitest';
import { batchMeans, configFrom, runTraced } from './helpers.ts';

/**
 * The engine against closed-form results. Each tolerance is a number of standard errors of
 * the simulated estimate, measured by batch means from the run itself (the samples are
 * correlated, so the naive σ/√n would be too small).
 */
const Z = 4;

describe('stale reads against 1 − e^(−λd)', () => {
  // One key written at Poisson rate λ; the log takes exactly d to reach the only replica,
  // which flushes and applies instantly (flushTime 0: a standby applies only flushed entries,
  // and this test wants the network delay alone); clients sit next to the nodes. A read at time t is stale iff a
  // write was acknowledged in (t − d, t), so P(stale) = 1 − e^(−λd).
  const lambda = 10; // writes per second
  const dMs = 50;
  const config = configFrom(`
name: stale-probability
seed: 11
duration: 400s
nodes: [{ id: p, role: primary }, { id: r, role: replica }]
replication: { commitTime: 0, flushTime: 0, applyTime: 0 }
network: { latency: ${dMs}ms, clientLatency: 0 }
workload:
  - { name: writer, writes: { rate: ${lambda}/s, keys: 1 } }
  - { name: reader, reads: { rate: 100/s, keys: 1 } }
routing: { reads: random }
`);
  const { trace, report } = runTraced(config);

  it('matches the closed form within the run’s own standard error', () => {
    const stale = trace.flatMap((r) => (r.type === 'read.done' ? [r.stale ? 1 : 0] : []));
    const { mean, stderr } = batchMeans(stale);
    const expected = 1 - Math.exp(-lambda * (dMs / 1000));
    expect(stale.length).toBeGreaterThan(30_000);
    expect(Math.abs(mean - expected)).toBeLessThan(Z * stderr);
    expect(report.reads.staleFraction).toBeCloseTo(stale.reduce((a, b) => a + b, 0) / stale.length, 12);
  });

  it('never finds a stale read more than d behind', () => {
    const worst = trace.reduce((m, r) => (r.type === 'read.done' && r.stale ? Math.max(m, r.timeBehindUs) : m), 0);
    expect(worst).toBeGreaterThan(0);
    expect(worst).toBeLessThanOrEqual(dMs * 1000);
  });
});

describe('apply delay against M/M/1: d + 1/(μ − λ)', () => {
  // Poisson writes (λ) reach the replica after a constant d, so arrivals at its applier stay
  // Poisson; it applies one entry at a time with exponential service (rate μ): an M/M/1
  // queue whose mean sojourn is 1/(μ − λ).
  const lambda = 400;
  const mu = 1000;
  const dMs = 1;
  const config = configFrom(`
name: mm1
seed: 5
duration: 300s
nodes:
  - { id: p, role: primary }
  - { id: r, role: replica, applyTime: { dist: exponential, mean: ${1000 / mu}ms } }
# flushTime 0: the relay-log flush (which batches arrivals) would add its own delay before
# the M/M/1 applier; this test is about the applier alone.
replication: { commitTime: 0, flushTime: 0 }
network: { latency: ${dMs}ms, clientLatency: 0.5ms }
workload: [{ name: w, writes: { rate: ${lambda}/s, keys: 1000 } }]
`);
  const { trace, report } = runTraced(config);
  const delaysMs = trace.flatMap((r) => (r.type === 'entry.apply' ? [r.delayUs / 1000] : []));

  it('has the M/M/1 mean sojourn plus the network delay', () => {
    const { mean, stderr } = batchMeans(delaysMs);
    const expected = dMs + 1000 / (mu - lambda);
    expect(Math.abs(mean - expected)).toBeLessThan(Z * stderr);
    expect(report.replication.applyDelayMs.r.mean).toBeCloseTo(delaysMs.reduce((a, b) => a + b, 0) / delaysMs.length, 9);
  });

  it('has exponentially distributed sojourn: P(W > x) = e^(−(μ−λ)x)', () => {
    const xMs = 2 * (1000 / (mu - lambda)); // twice the mean: e^(−2) ≈ 0.135
    const over = delaysMs.map((ms) => (ms - dMs > xMs ? 1 : 0));
    const { mean, stderr } = batchMeans(over);
    expect(Math.abs(mean - Math.exp(-2))).toBeLessThan(Z * stderr);
  });
});

// The primary's log writer is no longer a single server (group commit): test/model/group-commit.test.ts.

describe('lag', () => {
  it('is zero for a replica that keeps up and bounded by the apply delay', () => {
    const config = configFrom(`
name: lag
seed: 3
duration: 20s
nodes: [{ id: p, role: primary }, { id: r, role: replica }]
replication: { commitTime: 0.1ms, applyTime: 0.2ms }
network: { latency: 2ms, clientLatency: 0.5ms }
workload: [{ name: w, writes: { rate: 5/s, keys: 10 } }]
`);
    const { report } = runTraced(config);
    const lag = report.replication.lagMs.r;
    const apply = report.replication.applyDelayMs.r;
    expect(lag.max).toBeCloseTo(apply.max, 6);
    // Each write leaves the replica behind for its apply delay, growing linearly to it:
    // time-weighted mean = Σ delay²/2 / duration (writes are far apart, so no overlap).
    expect(lag.mean).toBeGreaterThan(0);
    expect(lag.mean).toBeLessThan((apply.count * apply.max ** 2) / 2 / report.simulatedTimeMs + 1e-9);
  });
});
