import { describe, expect, it } from 'vitest';
import { cluster, ms, stepper } from './helpers.ts';

/**
 * A primary answers a subscribe from what the message says and its own state; it does not
 * look at whom the subscriber follows. Only the subscriber knows that, and acts on it.
 * Here the manager is cut off from the primary only: it promotes replica-1 and repoints
 * replica-2, while the old primary, unaware, still takes writes (split brain).
 */
describe('a subscribe that is stale by the time it arrives is resolved by the subscriber', () => {
  const s = stepper(cluster('  - { at: 1s, partition: [[primary, writers], [manager]], until: 5s }', { priority1: 1 }));
  s.runTo(ms(2500));
  const old = s.node('primary');
  const r2 = s.node('replica-2');
  const r1 = s.node('replica-1');

  it('the old primary opens a stream to it; at the first entry the replica, following replica-1, hangs up', () => {
    expect(old.role).toBe('primary');
    expect(r1.role).toBe('primary');
    expect(r2.upstream).toBe(r1);
    // A subscribe replica-2 sent before it turned to replica-1 (sent by hand here).
    s.world.send(r2, old, { type: 'subscribe', lastLsn: old.log.lastLsn, lastTerm: old.lastTerm });
    s.runTo(ms(2515)); // 10 ms links: it has arrived (at 2,510 ms), its first entries not yet
    expect(s.world.streams.isOpen(old, r2)).toBe(true);
    s.runTo(ms(2600));
    const sent = s.messages(ms(2510), ms(2600)).filter((m) => m.kind === 'log' && m.from === 'primary' && m.to === 'replica-2');
    expect(sent.length).toBeGreaterThan(0);
    expect(s.world.streams.isOpen(old, r2)).toBe(false);
    expect(r2.upstream).toBe(r1);
    expect(s.world.streams.isOpen(r1, r2)).toBe(true);
  });

});
