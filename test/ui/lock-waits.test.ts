import { describe, expect, it } from 'vitest';
import { buildTimeline, frameAt } from '../../src/ui/state/index.ts';
import { phantomOf } from '../../src/ui/state/reads.ts';
import { configFrom, runTraced } from '../model/helpers.ts';
import { phantomSplitBrain } from '../metrics/phantom-scenario.ts';

describe('row-lock waits on the primary card', () => {
  // Two hot keys under sync replication 20 ms away: a write holds its row until the standby
  // acknowledges, so writes to the same key queue behind it (lock.wait … lock.grant).
  const { trace } = runTraced(
    configFrom(`
seed: 2
duration: 3s
nodes: [{ id: p, role: primary }, { id: r, role: replica }]
replication: { mode: sync, ackOn: receive }
network: { latency: 20ms, clientLatency: 0 }
workload: [{ name: w, writes: { rate: 80/s, keys: 2 } }]
faults: [{ at: 2s, crash: p }]
`),
  );
  const tl = buildTimeline(trace, { checkpointEvery: 13 });

  it('counts the writes waiting at the playhead, from the trace’s lock records, on any seek', () => {
    const waitingAt = (t: number) => {
      let n = 0;
      for (const r of trace) {
        if (r.t > t) break;
        if (r.type === 'lock.wait') n++;
        else if (r.type === 'lock.grant') n--;
        else if (r.type === 'lock.drop') n = 0;
      }
      return n;
    };
    let seenWaiting = 0;
    for (let t = 0; t <= 3_000_000; t += 37_000) {
      const p = frameAt(tl, t).nodes.find((n) => n.id === 'p')!;
      expect(p.lockWaits).toBe(waitingAt(t));
      seenWaiting = Math.max(seenWaiting, p.lockWaits);
    }
    expect(seenWaiting).toBeGreaterThan(0);
    // The crash forgets the waiting writes with the primary's sessions.
    expect(trace.some((r) => r.type === 'lock.drop' && r.node === 'p' && r.t === 2_000_000)).toBe(true);
    expect(frameAt(tl, 2_500_000).nodes.find((n) => n.id === 'p')!.lockWaits).toBe(0);
  });
});

describe('phantom reads on the page', () => {
  it('marks the first read.phantom record on the timeline, at the moment the checker saw it', () => {
    // AFTER_COMMIT split brain: the cut-off primary keeps serving its own post-cut writes,
    // which the promoted replica lacks (test/metrics/phantom-reads.test.ts derives the count).
    const { trace } = runTraced(phantomSplitBrain('after-commit', '12s'));
    const first = trace.find((r) => r.type === 'read.phantom')!;
    expect(first).toBeDefined();
    const tl = buildTimeline(trace);
    const marks = tl.markers.filter((m) => m.label.startsWith('First phantom read'));
    expect(marks).toEqual([{ tUs: first.t, kind: 'stale', label: expect.stringContaining(`#${first.op}`) }]);
    // Each phantom read's tag (read details, reads tables) comes from its own record, and only
    // once the playhead has reached the moment the checker found its write lost.
    const done = trace.find((r) => r.type === 'read.done' && r.op === first.op)!;
    expect(done.t).toBeLessThan(first.t);
    expect(phantomOf(tl, first.op, first.t - 1)).toBeUndefined();
    expect(phantomOf(tl, first.op, first.t)).toEqual({ atUs: first.t, lsn: first.lsn, term: first.term });
    const fresh = trace.find((r) => r.type === 'read.done' && r.node === 'p' && r.t < 5_000_000);
    expect(fresh?.type).toBe('read.done');
    if (fresh?.type === 'read.done') expect(phantomOf(tl, fresh.op, tl.endUs)).toBeUndefined();
  });
});
