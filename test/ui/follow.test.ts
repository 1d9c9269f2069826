import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/metrics/simulate.ts';
import type { TraceRecord } from '../../src/model/trace.ts';
import { parseScenario } from '../../src/scenario/index.ts';
import { allMsgs, buildTimeline, readAt } from '../../src/ui/state/index.ts';
import {
  followedReadsIn, followStateAt, latestWriteAt, readsRepliedBy, writeAtLsn, writeOfMessage,
} from '../../src/ui/state/follow.ts';
import { followWrite } from '../../src/ui/state/follow-index.ts';
import { fixtureConfig, fixtureTrace } from './fixture.ts';

const ROOT = join(import.meta.dirname, '../..');

describe('follow one write: the index folded from the trace', () => {
  // fixtureTrace: write i is issued at 10 ms + 20 ms·i to key i mod 5, committed 0.7 ms later
  // at LSN i + 1, shipped to replica-1 (1 ms away, applies in 0.5 ms) and replica-2 (40 ms
  // away, applies in 30 ms, one at a time); viewers read key 0 every 15 ms from 15 ms on.
  const tl = buildTimeline(fixtureTrace({ writes: 10 }));

  it('finds the request, the commit, the ack, the log entry to each replica, receipt and apply', () => {
    const p = followWrite(tl, 0)!;
    expect(p).not.toBeNull();
    expect(p.key).toBe(0);
    expect(p.group).toBe('uploaders');
    expect(p.to).toBe('primary');
    expect(p.issueUs).toBe(10_000);
    expect(p.commit).toEqual({ tUs: 10_700, node: 'primary', lsn: 1, term: 1 });
    expect(p.ack).toEqual({ tUs: 11_200, latencyUs: 1_200 });
    expect(p.fail).toBeNull();
    expect(p.lost).toBeNull();
    const msgs = allMsgs(tl).filter((m) => p.msgIds.has(m.id));
    expect(msgs.map((m) => `${m.kind} ${m.from}→${m.to}`).sort()).toEqual([
      'log primary→replica-1', 'log primary→replica-2', 'write uploaders→primary', 'write-ack primary→uploaders',
    ]);
    expect(p.msgIndexes.length).toBe(4);
    // replica-1: arrives 10.7 + 1 ms, applied 0.5 ms later; replica-2: 40 ms away, 30 ms to apply.
    expect(p.nodes.get('replica-1')).toEqual([{ tUs: 11_700, state: 'received' }, { tUs: 12_200, state: 'applied' }]);
    expect(p.nodes.get('replica-2')).toEqual([{ tUs: 50_700, state: 'received' }, { tUs: 80_700, state: 'applied' }]);
    expect(p.nodes.get('primary')).toEqual([{ tUs: 10_700, state: 'committed' }]);
  });

  it('says where the write stands on each node at any moment', () => {
    const p = followWrite(tl, 0)!;
    expect(followStateAt(p, 'primary', 10_699)).toBe('not-received');
    expect(followStateAt(p, 'primary', 10_700)).toBe('committed');
    expect(followStateAt(p, 'replica-1', 11_699)).toBe('not-received');
    expect(followStateAt(p, 'replica-1', 11_700)).toBe('received');
    expect(followStateAt(p, 'replica-1', 12_200)).toBe('applied');
    expect(followStateAt(p, 'replica-2', 60_000)).toBe('received');
    expect(followStateAt(p, 'replica-2', 90_000)).toBe('applied');
  });

  it('collects every read of the key replied after the write was issued, with their messages', () => {
    const p = followWrite(tl, 0)!;
    // 25 reads of key 0 issued at 15 ms + 15 ms·j, all replied after 10 ms.
    expect(p.reads.length).toBe(25);
    for (const row of p.reads) expect(readAt(tl, row).key).toBe(0);
    expect(p.readMsgIds.size).toBe(50);
    // Write 5 (key 0, issued at 110 ms) leaves out the reads replied before it: those replied at
    // 15 ms·(j + 1) + 1 ms < 110 ms are j = 0..6 (j = 6 replies at 106 ms), so 25 − 7 = 18 remain.
    const p5 = followWrite(tl, 5)!;
    expect(p5.key).toBe(0);
    expect(p5.reads.length).toBe(18);
    // Write 1 is to key 1, which nobody reads.
    expect(followWrite(tl, 1)!.reads.length).toBe(0);
  });

  it('finds the key\'s reads in a time window and counts those replied by a moment', () => {
    const p = followWrite(tl, 0)!;
    // The reads in a window, newest first: replies at 46, 61, 76 ms fall in (40 ms, 80 ms].
    const rows = followedReadsIn(tl, p, 40_000, 80_000);
    expect(rows.map((r) => tl.reads.tUs[r])).toEqual([76_000, 61_000, 46_000]);
    // Replied by 46 ms: the reads replied at 16, 31 and 46 ms.
    expect(readsRepliedBy(tl, p, 46_000)).toBe(3);
    expect(readsRepliedBy(tl, p, 45_999)).toBe(2);
  });

  it('finds writes from the playhead, an LSN or a message', () => {
    expect(latestWriteAt(tl, 9_999)).toBeNull();
    expect(latestWriteAt(tl, 10_000)).toBe(0);
    expect(latestWriteAt(tl, 75_000)).toBe(3);
    // The latest write to key 0 by 75 ms: write 0 (write 5 comes at 110 ms).
    expect(latestWriteAt(tl, 75_000, 0)).toBe(0);
    expect(writeAtLsn(tl, 4, 100_000)).toBe(3);
    expect(writeAtLsn(tl, 4, 1_000)).toBeNull();
    const log = allMsgs(tl).find((m) => m.kind === 'log' && m.lsn === 3)!;
    expect(writeOfMessage(tl, log)).toBe(2);
    const ack = allMsgs(tl).find((m) => m.kind === 'write-ack' && m.op === 7)!;
    expect(writeOfMessage(tl, ack)).toBe(7);
    const read = allMsgs(tl).find((m) => m.kind === 'read')!;
    expect(writeOfMessage(tl, read)).toBeNull();
    expect(followWrite(tl, 999)).toBeNull();
  });
});

describe('follow one write across a failover (hand-made trace)', () => {
  // Write 1 (key 7) is committed on db-1 at LSN 1 and reaches db-2 only; db-1 dies, db-3 is
  // promoted without it and commits write 2 (key 8) at LSN 1; db-2 rolls back to LSN 0 and
  // receives write 2's entry. Write 1 is acknowledged, so it is lost.
  const nodes = [{ id: 'db-1', role: 'primary' }, { id: 'db-2', role: 'replica' }, { id: 'db-3', role: 'replica' }];
  const recs: TraceRecord[] = [
    { t: 0, type: 'meta', version: 2, scenario: 'hand', seed: 1, durationUs: 100_000, nodes, groups: ['app'], replication: 'async', config: fixtureConfig(nodes, ['app'], 100_000) },
    { t: 0, type: 'primary.change', node: 'db-1', previous: null, term: 1, cause: 'start' },
    { t: 1_000, type: 'write.issue', op: 1, group: 'app', session: 0, key: 7, to: 'db-1' },
    { t: 1_000, type: 'msg', id: 1, kind: 'write', from: 'app', to: 'db-1', deliverAt: 2_000, op: 1 },
    { t: 2_000, type: 'write.commit', node: 'db-1', op: 1, lsn: 1, term: 1, key: 7, group: 1 },
    { t: 2_000, type: 'msg', id: 2, kind: 'write-ack', from: 'db-1', to: 'app', deliverAt: 3_000, op: 1 },
    { t: 2_000, type: 'msg', id: 3, kind: 'log', from: 'db-1', to: 'db-2', deliverAt: 4_000, lsn: 1, key: 7 },
    { t: 2_000, type: 'msg', id: 4, kind: 'log', from: 'db-1', to: 'db-3', deliverAt: 4_000, lsn: 1, key: 7 },
    { t: 3_000, type: 'write.ack', op: 1, group: 'app', session: 0, key: 7, lsn: 1, latencyUs: 2_000 },
    { t: 3_500, type: 'msg.drop', id: 4, reason: 'link down' },
    { t: 4_000, type: 'entry.receive', node: 'db-2', lsn: 1 },
    { t: 4_000, type: 'msg', id: 5, kind: 'repl-ack', from: 'db-2', to: 'db-1', deliverAt: 5_000, lsn: 1, term: 1 },
    { t: 4_100, type: 'entry.apply', node: 'db-2', lsn: 1, key: 7, delayUs: 2_100 },
    { t: 5_000, type: 'msg', id: 6, kind: 'repl-ack', from: 'db-2', to: 'db-1', deliverAt: 6_000, lsn: 1, term: 1 },
    { t: 10_000, type: 'node.state', node: 'db-1', state: 'down', term: 1, role: 'primary' },
    { t: 20_000, type: 'primary.change', node: 'db-3', previous: 'db-1', term: 2, cause: 'failover' },
    { t: 21_000, type: 'write.issue', op: 2, group: 'app', session: 0, key: 8, to: 'db-3' },
    { t: 22_000, type: 'write.commit', node: 'db-3', op: 2, lsn: 1, term: 2, key: 8, group: 1 },
    { t: 23_000, type: 'rollback', node: 'db-2', primary: 'db-3', term: 2, fromLsn: 1, toLsn: 0, entries: 1, source: 'copied' },
    { t: 23_000, type: 'write.lost', op: 1, lsn: 1, node: 'db-1', term: 1, cause: 'abandoned-branch' },
    { t: 23_000, type: 'msg', id: 7, kind: 'log', from: 'db-3', to: 'db-2', deliverAt: 24_000, lsn: 1, key: 8 },
    { t: 24_000, type: 'entry.receive', node: 'db-2', lsn: 1 },
    { t: 24_100, type: 'entry.apply', node: 'db-2', lsn: 1, key: 8, delayUs: 2_100 },
  ];
  const tl = buildTimeline(recs);

  it('the replica that had it rolls it back; the other never got it; the lost write is marked on its primary', () => {
    const p = followWrite(tl, 1)!;
    expect(p.nodes.get('db-2')).toEqual([
      { tUs: 4_000, state: 'received' }, { tUs: 4_100, state: 'applied' }, { tUs: 23_000, state: 'rolled-back' },
    ]);
    expect(p.nodes.has('db-3')).toBe(false);
    expect(p.nodes.get('db-1')).toEqual([{ tUs: 2_000, state: 'committed' }, { tUs: 23_000, state: 'lost' }]);
    expect(p.lost).toEqual({ tUs: 23_000, node: 'db-1' });
    // Its messages: request, client ack, both log entries (one dropped), and only the first
    // replica ack that covers LSN 1; not write 2's entry at the same LSN.
    expect([...p.msgIds].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5]);
    expect(followStateAt(p, 'db-2', 24_100)).toBe('rolled-back');
  });

  it('write 2 at the reused LSN is told apart from write 1 by time and key', () => {
    const p = followWrite(tl, 2)!;
    expect(p.commit).toEqual({ tUs: 22_000, node: 'db-3', lsn: 1, term: 2 });
    expect(p.nodes.get('db-2')).toEqual([{ tUs: 24_000, state: 'received' }, { tUs: 24_100, state: 'applied' }]);
    expect([...p.msgIds]).toEqual([7]);
    expect(writeAtLsn(tl, 1, 30_000)).toBe(2);
    expect(writeAtLsn(tl, 1, 10_000)).toBe(1);
  });
});

describe('follow one write on a real run (first-write.yaml)', () => {
  const text = readFileSync(join(ROOT, 'scenarios', 'first-write.yaml'), 'utf8');
  const scenario = parseScenario(text, 'first-write.yaml');
  const records: TraceRecord[] = [];
  simulate(scenario.config, { trace: (r) => records.push(r) });
  const tl = buildTimeline(records);
  const replicas = scenario.config.nodes.filter((n) => n.role === 'replica').map((n) => n.id);

  it('every acknowledged write: its replica apply is the entry.apply of its LSN and key; its reads are of its key', () => {
    const acks = records.filter((r): r is Extract<TraceRecord, { type: 'write.ack' }> => r.type === 'write.ack');
    expect(acks.length).toBeGreaterThan(20);
    for (const a of acks) {
      const p = followWrite(tl, a.op)!;
      expect(p.commit!.lsn).toBe(a.lsn);
      for (const id of replicas) {
        const apply = records.find((r) => r.type === 'entry.apply' && r.node === id && r.lsn === a.lsn);
        if (!apply) continue;
        expect(followStateAt(p, id, apply.t)).toBe('applied');
        expect(followStateAt(p, id, apply.t - 1)).not.toBe('applied');
      }
      // One write request, one client ack, a log entry per replica, a replica ack per replica that got it.
      const kinds = allMsgs(tl).filter((m) => p.msgIds.has(m.id)).map((m) => m.kind);
      expect(kinds.filter((k) => k === 'write').length).toBe(1);
      expect(kinds.filter((k) => k === 'write-ack').length).toBe(1);
      expect(kinds.filter((k) => k === 'log').length).toBe(replicas.length);
      for (const row of p.reads) {
        const r = readAt(tl, row);
        expect(r.key).toBe(p.key);
        expect(r.tUs).toBeGreaterThanOrEqual(p.issueUs);
      }
    }
  });
});
