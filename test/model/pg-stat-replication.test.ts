import { describe, expect, it } from 'vitest';
import { configFrom, runTraced } from './helpers.ts';

/**
 * pg_stat_replication's lag columns are measured on the primary, from the standby's status
 * replies (walsender.c LagTrackerWrite / LagTrackerRead): the time from sending a WAL
 * position to hearing back that the standby replayed it, so they include the reply's trip.
 * By hand, with constant times and one write in flight at a time (10 writes/s, each done in
 * ~41 ms):
 *   replay_lag = L (ship) + F (flush) + A (apply) + L (reply) = 20 + 0.5 + 0.5 + 20 = 41 ms,
 * while the entry's own apply delay on the standby is L + F + A = 21 ms (the figures a real
 * PostgreSQL 15 cluster with 20 ms one way showed). The walreceiver replies once it has
 * written what arrived, before flushing it (walreceiver.c), so write_lag = L + L = 40 ms and
 * flush_lag = L + F + L = 40.5 ms.
 */
const L = 20;
const F = 0.5;
const A = 0.5;

function run(extra: string) {
  return runTraced(
    configFrom(`
seed: 2
duration: 10s
nodes:
  - { id: p, role: primary }
  - { id: s, role: replica }
replication: { mode: sync, ackOn: apply, commitTime: 0.2ms, flushTime: ${F}ms, applyTime: ${A}ms }
network: { latency: ${L}ms, clientLatency: 0.5ms }
workload:
  - { name: w, sessions: 10, writes: { rate: 10/s, keys: 1000 } }
monitor: { interval: 250ms${extra} }
`),
  );
}

describe('pg_stat_replication lag, seen from the primary', () => {
  const { trace, report } = run(', standbyStatus: true');
  const samples = trace.flatMap((r) => (r.type === 'monitor' && r.node === 's' ? [r] : []));

  it('replay_lag is the apply delay plus the reply trip back: 41 ms for 21 ms', () => {
    expect(report.replication.applyDelayMs.s.p50).toBeCloseTo(L + F + A, 6);
    const values = samples.map((r) => r.replayLagUs).filter((v): v is number => typeof v === 'number');
    expect(values.length).toBeGreaterThan(30);
    for (const v of values) expect(v / 1000).toBeCloseTo(2 * L + F + A, 6);
    expect(report.replication.monitor.byReplica.s.replayLagMs.filter((v) => v !== null).length).toBe(values.length);
  });

  it('write_lag is the trip there and back: the write reply leaves before the flush', () => {
    const values = samples.map((r) => r.writeLagUs).filter((v): v is number => typeof v === 'number');
    expect(values.length).toBeGreaterThan(30);
    for (const v of values) expect(v / 1000).toBeCloseTo(2 * L, 6);
    // Three replies per write: written, flushed, replayed (remote_apply forces the last).
    const writes = report.writes.acknowledged;
    const replies = trace.filter((r) => r.type === 'msg' && r.kind === 'standby-status').length;
    expect(replies).toBeGreaterThanOrEqual(3 * writes);
    expect(replies).toBeLessThanOrEqual(3 * (writes + 10));
  });

  it('flush_lag is the trip there, the flush and the trip back', () => {
    const values = samples.map((r) => r.flushLagUs).filter((v): v is number => typeof v === 'number');
    expect(values.length).toBeGreaterThan(30);
    for (const v of values) expect(v / 1000).toBeCloseTo(2 * L + F, 6);
  });

  it('is absent without standby status replies (they cost messages per write)', () => {
    const off = run('');
    expect(off.trace.some((r) => r.type === 'monitor' && r.replayLagUs !== undefined)).toBe(false);
    expect(off.trace.some((r) => r.type === 'msg' && r.kind === 'standby-status')).toBe(false);
  });
});
