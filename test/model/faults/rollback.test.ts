import { expect, it } from 'vitest';
import { cluster, ms, stepper } from './helpers.ts';
import type { World } from '../../../src/model/world.ts';

it('a former primary rejoining rolls back what the new primary lacks: entries removed, keys restored, acknowledged ones lost once', () => {
  // The primary and its writers are cut off from the replicas and the manager: replica-1 is
  // promoted while the old primary keeps acknowledging writes; at 3 s it rejoins.
  const faults = '  - { at: 1s, partition: [[primary, writers], [replica-1, replica-2, manager]], until: 3s }';
  let fork = -1;
  let after: { lastLsn: number; versions: Float64Array } | null = null;
  const s = stepper(cluster(faults, { priority1: 1 }), (r, w: World) => {
    if (r.type === 'failover' && r.step === 'promoted') fork = w.nodeById.get('replica-1')!.log.lastLsn;
    if (r.type === 'failover' && r.step === 'rollback' && r.from === 'primary') {
      const old = w.nodeById.get('primary')!;
      after = { lastLsn: old.log.lastLsn, versions: old.keys.versions() };
    }
  });
  s.runToEnd();
  expect(fork).toBeGreaterThan(0);
  expect(after).not.toBeNull();
  const old = s.node('primary');

  // Entries past the fork are gone (the log was cut back to the fork, then refilled from the new primary).
  const mine = s.trace.flatMap((r) => (r.type === 'write.commit' && r.node === 'primary' ? [r] : []));
  const removed = mine.filter((r) => r.lsn > fork);
  expect(removed.length).toBeGreaterThan(10);
  expect(after!.lastLsn).toBe(fork);

  // Each key they wrote has its value as of the fork again.
  const atFork = new Map<number, number>();
  for (let lsn = 1; lsn <= fork; lsn++) {
    const e = old.log.at(lsn)!;
    atFork.set(e.key, e.version);
  }
  for (const key of new Set(removed.map((r) => r.key))) expect(after!.versions[key]).toBe(atFork.get(key) ?? 0);

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
});
