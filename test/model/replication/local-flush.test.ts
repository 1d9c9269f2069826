import { describe, expect, it } from 'vitest';
import { simulate } from '../../../src/metrics/simulate.ts';
import { configFrom, runTraced } from '../helpers.ts';

/*
 * localFlush: delayed (PostgreSQL synchronous_commit = off; MySQL innodb_flush_log_at_trx_commit
 * = 2): a commit is acknowledged before the background writer flushes it, every `flushInterval`
 * I on the clock's multiples of I. A crash of the only node at time T (no replica, no failover)
 * loses the acknowledged writes committed since the last flush, floor(T / I) · I.
 *
 * Expected figure, derived by hand: writes arrive as a Poisson process of rate λ and each is
 * acknowledged at commit (0.2 ms after it arrives; the client hop is 1 µs, so acks in flight
 * at the crash are negligible: λ · 1 µs = 0.0005). The loss at a crash whose unflushed window
 * is w is Poisson(λ · w). Crashing N runs at T_k = 5 s + (k + ½) · I / N (k = 0 … N−1) gives
 * windows w_k = (k + ½) · I / N, mean I / 2, so the total over the N runs is
 * Poisson(λ · N · I / 2), whose mean is also its variance. The runs use different seeds, so
 * they are independent. Tolerance: 4 standard deviations (a false alarm 6 times in 100,000).
 *
 * The model never says which writes the crash lost: the lost-write checker finds them from
 * the log truncation it observed.
 */

const LAMBDA_PER_S = 500;
const INTERVAL_MS = 200;
const RUNS = 20;

function scenario(crashUs: number, localFlush: 'commit' | 'delayed', seed: number): string {
  return `
name: local flush
seed: ${seed}
duration: 6s
nodes:
  - { id: db-1, role: primary }
replication: { mode: async, localFlush: ${localFlush}, flushInterval: ${INTERVAL_MS}ms }
network: { latency: 1ms, clientLatency: 1us }
workload:
  - name: writers
    sessions: 50
    writes: { rate: ${LAMBDA_PER_S}/s, keys: 100000 }
clients: { timeout: 0s, retries: 0 }
failover: { automatic: false }
faults:
  - { at: ${crashUs}us, crash: db-1 }
`;
}

function run(crashUs: number, localFlush: 'commit' | 'delayed', seed: number) {
  return simulate(configFrom(scenario(crashUs, localFlush, seed)));
}

describe('localFlush: delayed loses the unflushed window at a crash, with no replica involved', () => {
  it('the lost acknowledged writes over N crashes match λ × N × I/2 within Poisson tolerance', () => {
    let lost = 0;
    for (let k = 0; k < RUNS; k++) {
      const windowUs = Math.round(((k + 0.5) * INTERVAL_MS * 1000) / RUNS);
      lost += run(5_000_000 + windowUs, 'delayed', 100 + k).writes.lostAcknowledged;
    }
    const expected = LAMBDA_PER_S * RUNS * (INTERVAL_MS / 1000 / 2); // 1000
    const tolerance = 4 * Math.sqrt(expected); // ≈ 126
    expect(Math.abs(lost - expected)).toBeLessThan(tolerance);
  });

  it('the writes found lost are exactly those acknowledged after the last flush before the crash', () => {
    // Crash 130 ms after the flush at 5.0 s: the writer flushed at 5.0 s, not since.
    const crashUs = 5_130_000;
    const { trace } = runTraced(configFrom(scenario(crashUs, 'delayed', 7)));
    const acked = new Set(trace.flatMap((r) => (r.type === 'write.ack' ? [r.op] : [])));
    const expected = trace.flatMap((r) => (r.type === 'write.commit' && r.t > 5_000_000 && r.t <= crashUs && acked.has(r.op) ? [r.op] : []));
    const lost = trace.flatMap((r) => (r.type === 'write.lost' && acked.has(r.op) ? [r] : []));
    expect(expected.length).toBeGreaterThan(30); // λ · 130 ms = 65 on average
    expect(lost.map((r) => r.op).sort((a, b) => a - b)).toEqual(expected.sort((a, b) => a - b));
    for (const r of lost) expect(r.cause).toBe('rolled-back');
  });

  it('with localFlush: commit the same crashes lose nothing', () => {
    for (let k = 0; k < 4; k++) {
      const windowUs = Math.round(((k + 0.5) * INTERVAL_MS * 1000) / 4);
      const r = run(5_000_000 + windowUs, 'commit', 100 + k);
      expect(r.writes.acknowledged).toBeGreaterThan(2000);
      expect(r.writes.lostAcknowledged).toBe(0);
    }
  });
});
