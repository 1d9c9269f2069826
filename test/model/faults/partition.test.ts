import { describe, expect, it } from 'vitest';
import { cluster, ms, stepper } from './helpers.ts';

// A replica notices a silent cut only when its receiver timeout (here 400 ms) runs out, then
// retries every 200 ms, so a cut link of 1 s sees subscribe attempts too.
const RETRY = 'mode: async\n  reconnect: 200ms\n  receiverTimeout: 400ms';
const between = (a: string, b: string) => (m: { from: string; to: string }) => m.from === a && m.to === b;

describe('partition', () => {
  it('drops messages both ways while it lasts, and `until` heals it', () => {
    const s = stepper(cluster('  - { at: 1s, partition: [[primary], [replica-1]], until: 2s }', { replication: RETRY }));
    s.runToEnd();
    const during = s.messages(ms(1000), ms(2000));
    const out = during.filter(between('primary', 'replica-1'));
    const back = during.filter(between('replica-1', 'primary'));
    expect(out.some((m) => m.kind === 'log')).toBe(true);
    expect(back.some((m) => m.kind === 'subscribe')).toBe(true); // the replica's resubscribes
    for (const m of [...out, ...back]) expect(m.dropped).toBe('link cut');
    // Links not named by the partition are untouched.
    expect(during.filter(between('primary', 'replica-2')).every((m) => !m.dropped)).toBe(true);
    // Healed: nothing between them is dropped later, and replica-1 catches up.
    expect(s.messages(ms(2000)).filter((m) => (m.from === 'primary' && m.to === 'replica-1') || (m.from === 'replica-1' && m.to === 'primary')).every((m) => !m.dropped)).toBe(true);
    expect(s.node('replica-1').log.lastLsn).toBe(s.node('primary').log.lastLsn);
  });

  it('oneWay cuts only the first side → second side', () => {
    const s = stepper(cluster('  - { at: 1s, partition: [[primary], [replica-1]], oneWay: true, until: 2s }', { replication: RETRY }));
    s.runToEnd();
    const during = s.messages(ms(1000), ms(2000));
    const out = during.filter(between('primary', 'replica-1'));
    const back = during.filter(between('replica-1', 'primary'));
    expect(out.length).toBeGreaterThan(0);
    for (const m of out) expect(m.dropped).toBe('link cut');
    expect(back.length).toBeGreaterThan(0); // its subscribes get through (and the answers do not)
    for (const m of back) expect(m.dropped).toBeUndefined();
    expect(s.node('replica-1').log.lastLsn).toBe(s.node('primary').log.lastLsn);
  });

  it('overlapping partitions: a link comes back only when the last partition cutting it heals', () => {
    const s = stepper(
      cluster('  - { at: 1s, partition: [[primary], [replica-1, replica-2]], until: 1500ms }\n  - { at: 1s, partition: [[replica-1], [primary, replica-2]], until: 2s }', { replication: RETRY }),
    );
    s.runToEnd();
    const lateCut = s.messages(ms(1500), ms(2000));
    expect(lateCut.filter(between('primary', 'replica-2')).every((m) => !m.dropped)).toBe(true);
    const stillCut = lateCut.filter((m) => between('primary', 'replica-1')(m) || between('replica-1', 'primary')(m));
    expect(stillCut.length).toBeGreaterThan(0);
    for (const m of stillCut) expect(m.dropped).toBe('link cut');
  });
});
