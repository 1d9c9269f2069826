import { describe, expect, it } from 'vitest';
import { cluster, ms, stepper } from './helpers.ts';

const converged = (s: ReturnType<typeof stepper>, primaryId: string) => {
  const p = s.node(primaryId);
  for (const n of s.world.nodes) {
    expect(n.log.lastLsn).toBe(p.log.lastLsn);
    expect(n.appliedLsn).toBe(p.log.lastLsn);
    expect(n.lastTerm).toBe(p.lastTerm);
  }
};

describe('promote', () => {
  it('with automatic failover off, writes stay down until an operator promotes a replica', () => {
    const s = stepper(
      cluster('  - { at: 1s, crash: primary }\n  - { at: 2s, promote: replica-1 }\n  - { at: 2500ms, recover: primary }', { failover: ', automatic: false' }),
    );
    s.runToEnd();
    const acks = (from: number, to: number) => s.trace.filter((r) => r.type === 'write.ack' && r.t >= from && r.t < to).length;
    expect(acks(ms(1100), ms(2000))).toBe(0);
    expect(acks(ms(2100), ms(4000))).toBeGreaterThan(100);
    const r1 = s.node('replica-1');
    expect(r1.role).toBe('primary');
    expect(r1.term).toBe(2);
    expect(s.world.failover.primary).toBe(r1);
    expect(s.trace.filter((r) => r.type === 'write.commit' && r.t > ms(2000)).every((r) => r.type === 'write.commit' && r.node === 'replica-1' && r.term === 2)).toBe(true);
    expect(s.node('primary').role).toBe('replica'); // rejoined as a replica
    converged(s, 'replica-1');
  });
});

describe('switchover', () => {
  it('hands the primary role over under load and loses nothing', () => {
    const s = stepper(cluster('  - { at: 1s, switchover: replica-1 }'));
    s.runToEnd();
    const report = s.report();
    expect(report.failovers.map((f) => f.to)).toEqual(['replica-1']);
    expect(report.writes.lostAcknowledged).toBe(0);
    expect(s.trace.some((r) => r.type === 'write.lost')).toBe(false);
    expect(s.node('replica-1').role).toBe('primary');
    expect(s.node('primary').role).toBe('replica');
    expect(s.node('primary').upstream).toBe(s.node('replica-1'));
    converged(s, 'replica-1');
  });
});
