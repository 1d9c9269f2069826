import { describe, expect, it } from 'vitest';
import { batchMeans, configFrom, runTraced } from './helpers.ts';

/**
 * Row-lock waits under synchronous replication for a few hot keys, against M/D/1.
 *
 * Setup: K = 4 keys written uniformly by Poisson writes at λ = 40/s in all, so each key sees
 * Poisson writes at λ_k = 10/s. Flushes are instant (commitTime 0), clients sit at the nodes,
 * and the one standby is d = 10 ms away each way with ackOn: receive. A write that holds its
 * key's lock commits at once and is acknowledged — and releases the lock — when the standby's
 * ack returns, after exactly H = 2d = 20 ms. So each key's lock is a single server with
 * Poisson arrivals and deterministic service H: an M/D/1 queue at utilisation ρ = λ_k·H = 0.2.
 *
 * By PASTA a write finds its key's lock held (the previous write to the key has not been
 * acknowledged yet) with probability ρ = 0.2. Pollaczek–Khinchine gives the mean wait over all
 * writes, W_q = λ_k·H² / (2(1 − ρ)) = ρ·H / (2(1 − ρ)); over the writes that waited it is
 * W_q / ρ = H / (2(1 − ρ)) = 12.5 ms; the mean write latency is H + W_q = 22.5 ms.
 * Tolerances: Z standard errors of the run's own estimates by batch means.
 */
const Z = 4;
const lambda = 40;
const keys = 4;
const dMs = 10;
const H = 2 * dMs;
const rho = (lambda / keys) * (H / 1000);

describe('row locks under sync replication, a few hot keys (M/D/1 per key)', () => {
  const config = configFrom(`
name: hot-rows
seed: 4
duration: 1000s
nodes: [{ id: p, role: primary }, { id: r, role: replica }]
replication: { mode: sync, commitTime: 0, ackOn: receive }
network: { latency: ${dMs}ms, clientLatency: 0 }
workload: [{ name: w, writes: { rate: ${lambda}/s, keys: ${keys} } }]
`);
  const { trace, report } = runTraced(config);
  const granted = new Map<number, number>();
  for (const r of trace) if (r.type === 'lock.grant') granted.set(r.op, r.waitedUs / 1000);
  const commits = trace.flatMap((r) => (r.type === 'write.commit' ? [r.op] : []));

  it('makes a write wait with probability ρ = λ_k·2d', () => {
    const waited = commits.map((op) => (granted.has(op) ? 1 : 0));
    const { mean, stderr } = batchMeans(waited);
    expect(Math.abs(mean - rho)).toBeLessThan(Z * stderr);
    expect(report.writes.lockWaits.count).toBe(granted.size);
    expect(report.writes.lockWaits.fraction).toBeCloseTo(granted.size / commits.length, 12);
  });

  it('makes the writes that wait wait H / (2(1 − ρ)) on average', () => {
    const waits = commits.flatMap((op) => (granted.has(op) ? [granted.get(op)!] : []));
    const { mean, stderr } = batchMeans(waits);
    expect(Math.abs(mean - H / (2 * (1 - rho)))).toBeLessThan(Z * stderr);
    expect(report.writes.lockWaits.waitMs.mean).toBeCloseTo(waits.reduce((a, b) => a + b, 0) / waits.length, 9);
  });

  it('gives a mean write latency of H + ρ·H / (2(1 − ρ))', () => {
    const latencies = trace.flatMap((r) => (r.type === 'write.ack' ? [r.latencyUs / 1000] : []));
    const { mean, stderr } = batchMeans(latencies);
    expect(Math.abs(mean - (H + (rho * H) / (2 * (1 - rho))))).toBeLessThan(Z * stderr);
  });

  it('shows each wait as lock.wait then lock.grant for the same write, behind the key’s previous writer', () => {
    const waits = trace.flatMap((r) => (r.type === 'lock.wait' ? [r] : []));
    expect(waits.length).toBeGreaterThanOrEqual(granted.size);
    for (const w of waits.slice(0, 200)) {
      expect(w.node).toBe('p');
      expect(w.holder).not.toBe(w.op);
    }
  });
});

describe('row locks under async replication', () => {
  it('are held only until commit: with instant flushes no write ever waits', () => {
    const config = configFrom(`
name: async-rows
seed: 4
duration: 60s
nodes: [{ id: p, role: primary }, { id: r, role: replica }]
replication: { mode: async, commitTime: 0 }
network: { latency: ${dMs}ms, clientLatency: 0 }
workload: [{ name: w, writes: { rate: ${lambda}/s, keys: ${keys} } }]
`);
    const { report } = runTraced(config);
    expect(report.writes.acknowledged).toBeGreaterThan(2000);
    expect(report.writes.lockWaits.count).toBe(0);
  });
});
