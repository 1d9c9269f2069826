import { describe, expect, it } from 'vitest';
import {
  allMsgs, buildTimeline, cutLinksAt, frameAt, linkCut, latencyHistogram, messagesInWindow, nextEventUs,
  prevEventUs, recentReads,
} from '../../src/ui/state/index.ts';
import { applyRecord, initialCore } from '../../src/ui/state/core.ts';
import { fixtureTrace } from './fixture.ts';
import type { Report } from '../../src/metrics/report.ts';

const trace = fixtureTrace();

function bruteForce(t: number) {
  const tl = buildTimeline(trace, { checkpointEvery: 1_000_000 });
  const core = initialCore(tl.nodeIds.map((id) => ({ id, role: id === 'primary' ? 'primary' : 'replica' })));
  for (const r of trace) if (r.t <= t) applyRecord(core, r, tl.nodeIndex);
  const inFlight = allMsgs(tl).filter((m) => m.sendUs <= t && t < m.endUs).map((m) => m.id).sort((a, b) => a - b);
  return { core, inFlight };
}

describe('state at time t', () => {
  const tl = buildTimeline(trace, { checkpointEvery: 7 });
  const times = [0, 1, 9_999, 10_000, 10_700, 11_200, 55_000, 200_000, 333_333, 500_000, 2_000_000];

  it('frameAt(t) from checkpoints equals rolling the whole trace forward to t', () => {
    for (const t of times) {
      const f = frameAt(tl, t);
      const b = bruteForce(t);
      expect(f.nodes.map((n) => [n.committedLsn, n.receivedLsn, n.appliedLsn])).toEqual(
        b.core.nodes.map((n) => [n.committedLsn, n.receivedLsn, n.appliedLsn]),
      );
      expect(f.counters).toEqual(b.core.counters);
      expect(f.inFlight.map((m) => m.id).sort((a, b) => a - b)).toEqual(b.inFlight);
    }
  });

  it('seeking backward gives the same frame as seeking forward', () => {
    const forward = times.map((t) => frameAt(tl, t));
    const backward = [...times].reverse().map((t) => frameAt(tl, t)).reverse();
    expect(backward).toEqual(forward);
  });

  it('a message is in flight from its send time until just before its delivery', () => {
    const m = allMsgs(tl).find((x) => x.kind === 'log' && x.to === 'replica-2')!;
    expect(frameAt(tl, m.sendUs - 1).inFlight.some((x) => x.id === m.id)).toBe(false);
    expect(frameAt(tl, m.sendUs).inFlight.some((x) => x.id === m.id)).toBe(true);
    expect(frameAt(tl, m.deliverUs - 1).inFlight.some((x) => x.id === m.id)).toBe(true);
    expect(frameAt(tl, m.deliverUs).inFlight.some((x) => x.id === m.id)).toBe(false);
  });

  it('shows each replica\'s lag as the report\'s lag series sampled it (the last sample at or before the playhead)', () => {
    const lagSeries = { intervalMs: 10, byReplica: { 'replica-1': [0, 0.5, 0], 'replica-2': [0, 12, 30] } };
    const report = { replication: { lagSeries } } as unknown as Report;
    const withReport = buildTimeline(trace, { report });
    const at = (tUs: number, id: string) => frameAt(withReport, tUs).nodes.find((n) => n.id === id)!.lagUs;
    expect(at(9_999, 'replica-2')).toBe(0);
    expect(at(10_000, 'replica-2')).toBe(12_000);
    expect(at(25_000, 'replica-2')).toBe(30_000);
    expect(at(900_000, 'replica-2')).toBe(30_000);
    expect(at(15_000, 'replica-1')).toBe(500);
    expect(at(15_000, 'primary')).toBe(0);
  });

  it('steps to the next and previous event times', () => {
    expect(nextEventUs(tl, 0)).toBe(10_000);
    expect(prevEventUs(tl, 10_000)).toBe(0);
    expect(prevEventUs(tl, nextEventUs(tl, 10_000))).toBe(10_000);
  });

  it('finds recent reads, newest first, and flags stale ones', () => {
    const end = tl.endUs;
    const all = recentReads(tl, end, end + 1, undefined, 1000);
    expect(all.length).toBe(25);
    expect(all[0].tUs).toBeGreaterThanOrEqual(all[1].tUs);
    expect(all.some((r) => r.stale)).toBe(true);
    expect(recentReads(tl, end, end + 1, 'replica-2', 1000).every((r) => r.node === 'replica-2')).toBe(true);
    expect(tl.markers.some((m) => m.kind === 'stale')).toBe(true);
  });

  it('lists messages on the wire in a window, including ones sent before it', () => {
    const m = allMsgs(tl).find((x) => x.kind === 'log' && x.to === 'replica-2')!;
    const w = messagesInWindow(tl, m.sendUs + 1, m.sendUs + 2);
    expect(w.some((x) => x.id === m.id)).toBe(true);
  });

  it('marks a crashed node as down from the crash on', () => {
    const crashed = buildTimeline(fixtureTrace({ crashAtUs: 100_000 }));
    expect(frameAt(crashed, 99_999).nodes[1].up).toBe(true);
    expect(frameAt(crashed, 100_000).nodes[1].up).toBe(false);
    expect(crashed.markers.some((m) => m.kind === 'fault')).toBe(true);
  });

  it('counts acknowledged writes as of the playhead, and bins every one in the histogram', () => {
    const early = frameAt(tl, 50_000).counters;
    const late = frameAt(tl, tl.endUs).counters;
    expect(early.writesAcked).toBe(2);
    expect(late.writesAcked).toBe(20);
    const hist = latencyHistogram(tl, 50_000);
    expect(hist.reduce((a, b) => a + b.total, 0)).toBe(20);
    expect(hist.reduce((a, b) => a + b.soFar, 0)).toBe(early.writesAcked);
  });
});

describe('failover in the derived state', () => {
  const meta = fixtureTrace()[0];
  const base = fixtureTrace().slice(1).filter((r) => r.t < 100_000);
  const trace = [
    meta,
    ...base,
    { t: 100_000, type: 'fault', kind: 'crash', nodes: ['primary'], detail: '' },
    { t: 100_000, type: 'node.state', node: 'primary', state: 'down', term: 1, role: 'primary' },
    { t: 150_000, type: 'failover', step: 'promoted', from: 'primary', to: 'replica-1', term: 2, detail: 'replica-1 is the primary' },
    { t: 150_000, type: 'node.state', node: 'replica-1', state: 'up', term: 2, role: 'primary' },
    { t: 150_000, type: 'primary.change', node: 'replica-1', previous: 'primary', term: 2, cause: 'failover' },
    { t: 200_000, type: 'node.state', node: 'primary', state: 'up', term: 1, role: 'primary' },
    { t: 200_100, type: 'node.state', node: 'primary', state: 'up', term: 2, role: 'replica' },
    { t: 200_200, type: 'rollback', node: 'primary', primary: 'replica-1', term: 2, fromLsn: 5, toLsn: 3, entries: 2, source: 'own-log' },
  ] as ReturnType<typeof fixtureTrace>;
  const tl = buildTimeline(trace);

  it('has no acting primary while the crashed one is down, then the promoted replica', () => {
    expect(frameAt(tl, 99_999).primary).toBe('primary');
    expect(frameAt(tl, 120_000).primary).toBe(null);
    expect(frameAt(tl, 150_000).primary).toBe('replica-1');
  });

  it('keeps the newer term as primary when the old primary comes back believing it still is', () => {
    expect(frameAt(tl, 200_000).primary).toBe('replica-1');
    expect(frameAt(tl, 200_100).primary).toBe('replica-1');
  });

  it('rolls the returning old primary back to the new primary’s history', () => {
    const before = frameAt(tl, 200_100).nodes[0];
    expect(before.receivedLsn).toBeGreaterThan(3);
    const after = frameAt(tl, 200_200).nodes[0];
    expect([after.receivedLsn, after.appliedLsn]).toEqual([3, 3]);
  });
});

describe('link state from the trace\'s link records', () => {
  const meta = fixtureTrace()[0];
  const tl = buildTimeline([
    meta,
    { t: 10, type: 'link', from: 'primary', to: 'replica-1', up: false, cause: 'partition' },
    { t: 20, type: 'link', from: 'replica-1', to: 'primary', up: false, cause: 'partition' },
    { t: 30, type: 'link', from: 'primary', to: 'replica-1', up: true, cause: 'heal' },
    { t: 40, type: 'link', from: 'replica-1', to: 'primary', up: true, cause: 'heal' },
  ] as ReturnType<typeof fixtureTrace>);
  const at = (t: number) => linkCut(cutLinksAt(tl, t), 'primary', 'replica-1');

  it('draws a one-way cut one way, both ways when both directions are down, and whole after the heal', () => {
    expect(at(9)).toBe(null);
    expect(at(10)).toBe('a>b');
    expect(linkCut(cutLinksAt(tl, 10), 'replica-1', 'primary')).toBe('b>a');
    expect(at(20)).toBe('both');
    expect(at(30)).toBe('b>a');
    expect(at(40)).toBe(null);
    expect(frameAt(tl, 25).cutLinks).toEqual([['primary', 'replica-1'], ['replica-1', 'primary']]);
  });
});
