import { describe, expect, it } from 'vitest';
import { cluster, ms, stepper } from './helpers.ts';
import type { World } from '../../../src/model/world.ts';
import { makeVersion } from '../../../src/model/version.ts';

/**
 * The primary and its writers are cut off from the replicas and the manager: replica-1 is
 * promoted while the old primary keeps acknowledging writes; at 3 s it rejoins. At `rate`
 * writes/s its log is pruned (every 256 commits) before it rejoins, or not.
 */
function rejoin(rate: string, restoredFrom: 'own log' | 'new primary') {
  const faults = '  - { at: 1s, partition: [[primary, writers], [replica-1, replica-2, manager]], until: 3s }';
  let fork = -1;
  let after: { lastLsn: number; firstLsn: number; versions: Float64Array } | null = null;
  // The rollback is the old primary's own act, on the new primary's `diverged` answer: the
  // values it copies are the new primary's as of sending that answer, not as of the rollback.
  let answer: { sentUs: number; deliverAtUs: number; newPrimaryVersions: Float64Array } | null = null;
  let rolledBackUs = -1;
  const s = stepper(cluster(faults, { priority1: 1, writeRate: rate }), (r, w: World) => {
    if (r.type === 'failover' && r.step === 'promoted') fork = w.nodeById.get('replica-1')!.log.lastLsn;
    if (r.type === 'msg' && r.kind === 'diverged' && r.from === 'replica-1' && r.to === 'primary')
      answer = { sentUs: r.t, deliverAtUs: r.deliverAt, newPrimaryVersions: w.nodeById.get('replica-1')!.keys.versions() };
    if (r.type === 'rollback' && r.node === 'primary') {
      const old = w.nodeById.get('primary')!;
      rolledBackUs = r.t;
      after = { lastLsn: old.log.lastLsn, firstLsn: old.log.firstLsn, versions: old.keys.versions() };
    }
  });
  s.runToEnd();
  expect(fork).toBeGreaterThan(0);
  expect(after).not.toBeNull();
  expect(answer).not.toBeNull();
  // It rolls back when the answer arrives, one link latency after the new primary sent it.
  expect(rolledBackUs).toBe(answer!.deliverAtUs);
  expect(rolledBackUs).toBeGreaterThan(answer!.sentUs);
  const newPrimaryVersions = answer!.newPrimaryVersions;
  const old = s.node('primary');

  // Entries past the fork are gone (the log was cut back to the fork, then refilled from the new primary).
  const mine = s.trace.flatMap((r) => (r.type === 'write.commit' && r.node === 'primary' ? [r] : []));
  const removed = mine.filter((r) => r.lsn > fork);
  expect(removed.length).toBeGreaterThan(10);
  expect(after!.lastLsn).toBe(fork);

  // Each key they wrote has its value as of the fork again, from the node's own log; a key
  // whose last write before the fork was already pruned from it is copied from the values
  // the new primary sent in its `diverged` answer instead (as pg_rewind copies blocks), and replaying the new primary's log past
  // the fork then rewrites it.
  const lastBeforeFork = new Map<number, { lsn: number; version: number }>();
  for (const c of mine) if (c.lsn <= fork) lastBeforeFork.set(c.key, { lsn: c.lsn, version: makeVersion(c.term, c.lsn) });
  const { firstLsn, versions } = after!;
  const sources = { 'own log': 0, 'new primary': 0 };
  for (const key of new Set(removed.map((r) => r.key))) {
    const last = lastBeforeFork.get(key);
    const held = last !== undefined && last.lsn >= firstLsn;
    if (held || firstLsn <= 1) sources['own log']++;
    else sources['new primary']++;
    expect(versions[key]).toBe(held ? last.version : firstLsn <= 1 ? 0 : newPrimaryVersions[key]);
  }
  expect(sources[restoredFrom]).toBeGreaterThan(0);
  // With its history held, nothing needs copying.
  if (restoredFrom === 'own log') expect(sources['new primary']).toBe(0);

  // Each acknowledged one is counted once.
  const lostOps = s.trace.flatMap((r) => (r.type === 'write.lost' ? [r.op] : []));
  expect(new Set(lostOps).size).toBe(lostOps.length);
  expect(new Set(lostOps)).toEqual(new Set(removed.map((r) => r.op)));
  const acked = new Set(s.trace.flatMap((r) => (r.type === 'write.ack' ? [r.op] : [])));
  const lostAcked = lostOps.filter((op) => acked.has(op)).length;
  expect(lostAcked).toBeGreaterThan(0);
  expect(s.report().writes.lostAcknowledged).toBe(lostAcked);

  // And it converges with the new primary.
  expect(old.role).toBe('replica');
  expect(old.log.lastLsn).toBe(s.node('replica-1').log.lastLsn);
}

describe('a former primary rejoining rolls back what the new primary lacks: entries removed, keys restored, acknowledged ones lost once', () => {
  it('with its history before the fork still held: keys restored from its own log', () => rejoin('50/s', 'own log'));
  it('with that history pruned: keys copied from the new primary, as pg_rewind does', () => rejoin('200/s', 'new primary'));
});
