import { describe, expect, it } from 'vitest';
import { cluster, ms, stepper } from './helpers.ts';

// Relay-log flushes take 30 ms, so at any moment a replica holds received entries that are
// not yet durable.
const FLUSHING = 'mode: semi-sync\n  waitFor: 1\n  ackOn: flush\n  flushTime: 30ms';

describe('crash', () => {
  it('a crashed replica keeps only the relay-log entries it had flushed', () => {
    const s = stepper(cluster('  - { at: 1s, crash: replica-1 }', { replication: FLUSHING }));
    s.runTo(ms(1000) - 1);
    const r = s.node('replica-1');
    const flushed = r.flushedLsn;
    expect(r.log.lastLsn).toBeGreaterThan(flushed); // some entries were still unflushed
    s.runTo(ms(1000));
    expect(r.up).toBe(false);
    expect(r.log.lastLsn).toBe(flushed);
  });

  // Crash 1 µs after the primary ships an entry (found in a run whose only fault comes
  // later, so it is identical up to then): log entries are surely in flight.
  function crashJustAfterAShipment(): number {
    const probe = stepper(cluster('  - { at: 5s, crash: replica-2 }'));
    probe.runTo(ms(1100));
    return probe.messages(ms(1000), ms(1100)).find((m) => m.kind === 'log')!.t + 1;
  }

  it("a crash does not recall packets: a crashed primary's messages already sent still arrive", () => {
    const crashUs = crashJustAfterAShipment();
    const s = stepper(cluster(`  - { at: ${crashUs}us, crash: primary }`));
    s.runTo(crashUs + ms(100));
    const inFlight = s.messages(0, crashUs).filter((m) => m.from === 'primary' && m.deliverAt > crashUs && m.to !== 'writers');
    expect(inFlight.filter((m) => m.kind === 'log').length).toBeGreaterThan(0);
    for (const m of inFlight) expect(m.dropped).toBeUndefined();
    // So each replica holds everything the primary committed (bandwidth unlimited: nothing unsent).
    expect(s.node('replica-1').log.lastLsn).toBe(s.node('primary').log.lastLsn);
    expect(s.node('replica-2').log.lastLsn).toBe(s.node('primary').log.lastLsn);
  });

  it('a site failure (network: lost) loses what the node had in flight', () => {
    const crashUs = crashJustAfterAShipment();
    const s = stepper(cluster(`  - { at: ${crashUs}us, crash: primary, network: lost }`));
    s.runTo(crashUs + ms(100));
    const inFlight = s.messages(0, crashUs).filter((m) => m.from === 'primary' && m.deliverAt > crashUs);
    expect(inFlight.filter((m) => m.kind === 'log').length).toBeGreaterThan(0);
    for (const m of inFlight) expect(m.dropped).toBe('site failure');
    // So no replica holds an entry the primary shipped in its last 10 ms.
    const delivered = s.messages(0, crashUs).filter((m) => m.kind === 'log' && m.to === 'replica-1' && !m.dropped);
    expect(s.node('replica-1').log.lastLsn).toBe(Math.max(...delivered.map((m) => m.lsn!)));
    expect(s.node('primary').log.lastLsn).toBeGreaterThan(s.node('replica-1').log.lastLsn);
  });

  it('a crashed node still drops what arrives to it', () => {
    const crashUs = crashJustAfterAShipment();
    const s = stepper(cluster(`  - { at: ${crashUs}us, crash: replica-1 }`));
    s.runTo(crashUs + ms(100));
    const toIt = s.messages(0, crashUs).filter((m) => m.to === 'replica-1' && m.deliverAt > crashUs);
    expect(toIt.length).toBeGreaterThan(0);
    for (const m of toIt) expect(m.dropped).toBe('receiver down');
  });
});

describe('recover', () => {
  it('a restarted replica resubscribes from its durable position and applies from where it stopped', () => {
    const s = stepper(cluster('  - { at: 1s, crash: replica-1 }\n  - { at: 1500ms, recover: replica-1 }', { replication: FLUSHING }));
    const r = s.node('replica-1');
    s.runTo(ms(1000));
    const durable = r.log.lastLsn;
    const applied = r.appliedLsn;
    s.runToEnd();
    const subscribe = s.messages(ms(1500)).find((m) => m.from === 'replica-1' && m.kind === 'subscribe');
    expect(subscribe?.t).toBe(ms(1500));
    expect(subscribe?.lsn).toBe(durable);
    const firstApply = s.trace.find((x) => x.type === 'entry.apply' && x.node === 'replica-1' && x.t >= ms(1500));
    expect(firstApply && firstApply.type === 'entry.apply' && firstApply.lsn).toBe(applied + 1);
    const p = s.node('primary');
    expect(r.log.lastLsn).toBe(p.log.lastLsn);
    expect(r.appliedLsn).toBe(p.log.lastLsn);
  });
});
