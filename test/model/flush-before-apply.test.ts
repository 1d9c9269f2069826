import { describe, expect, it } from 'vitest';
import { configFrom, runTraced } from './helpers.ts';
import { stepper } from './faults/helpers.ts';

/**
 * A standby applies only what it has flushed (PostgreSQL's startup process replays up to the
 * walreceiver's flush position; MySQL's SQL thread reads the relay log after the I/O thread
 * wrote it). Expected figures by hand, from constant times and a load so light that no write
 * ever waits behind another (one write every 100 ms on average, each done in ~30 ms; the rare
 * overlaps are excluded by looking at the median).
 */
const C = 0.5; // client ↔ node one way, ms
const L = 10; // primary ↔ replica one way, ms
const COMMIT = 0.2; // primary's commit, ms
const FLUSH = 3; // replica's relay-log flush, ms
const APPLY = 2; // replica's apply, ms

function scenario(replication: string, faults = ''): string {
  return `
seed: 8
duration: 20s
nodes:
  - { id: p, role: primary }
  - { id: r, role: replica }
replication: { ${replication}, commitTime: ${COMMIT}ms, flushTime: ${FLUSH}ms, applyTime: ${APPLY}ms }
network: { latency: ${L}ms, clientLatency: ${C}ms }
workload:
  - { name: w, sessions: 10, writes: { rate: 10/s, keys: 1000 } }
${faults}`;
}

describe('flush before apply', () => {
  it('an entry is applied one network trip + one flush + one apply after its commit', () => {
    const { report } = runTraced(configFrom(scenario('mode: async')));
    expect(report.replication.applyDelayMs.r.p50).toBeCloseTo(L + FLUSH + APPLY, 6);
  });

  it('ackOn: apply (remote_apply) makes the client wait for the round trip + flush + apply', () => {
    const { report } = runTraced(configFrom(scenario('mode: sync, ackOn: apply')));
    // client → primary, commit, ship, flush, apply, ack back, primary → client.
    expect(report.writes.latencyMs.p50).toBeCloseTo(C + COMMIT + L + FLUSH + APPLY + L + C, 6);
  });

  it('ackOn: flush (synchronous_commit = on) waits for the flush but not the apply', () => {
    const { report } = runTraced(configFrom(scenario('mode: sync, ackOn: flush')));
    expect(report.writes.latencyMs.p50).toBeCloseTo(C + COMMIT + L + FLUSH + L + C, 6);
  });

  it('data is never visible on a replica before it is durable there', () => {
    // Checked at every apply, under a load where a flush often covers more than one entry
    // (one arrives every 2.5 ms, a flush takes 3 ms; the applier, 2 ms each, is 80 % busy)
    // and a crash of the replica throws away what was not flushed yet.
    let applies = 0;
    const receivedAt = new Map<number, number>();
    const s = stepper(
      scenario('mode: async', 'faults:\n  - { at: 5s, crash: r }\n  - { at: 6s, recover: r }').replace('rate: 10/s', 'rate: 400/s'),
      (rec, w) => {
        if (rec.type === 'entry.receive') receivedAt.set(rec.lsn, rec.t);
        if (rec.type !== 'entry.apply') return;
        // Received, then at least one whole flush, then the apply.
        expect(rec.t - receivedAt.get(rec.lsn)!).toBeGreaterThanOrEqual((FLUSH + APPLY) * 1000);
        const node = w.nodeById.get(rec.node)!;
        w.replica.settleFlush(node);
        expect(node.flushedLsn).toBeGreaterThanOrEqual(rec.lsn);
        applies++;
      },
    );
    s.runToEnd();
    // 400/s for 20 s is 8000 writes (Poisson: ± 90 is one standard deviation).
    expect(applies).toBeGreaterThan(7500);
    // After the restart the replica caught up from what it had kept.
    expect(s.node('r').appliedLsn).toBeGreaterThan(s.node('p').log.lastLsn - 100);
  });
});
