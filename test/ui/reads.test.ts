import { describe, expect, it } from 'vitest';
import type { TraceRecord } from '../../src/model/trace.ts';
import { buildTimeline } from '../../src/ui/state/index.ts';
import {
  groupTalliesAt, holdingAt, holdsInWindow, maxLagUs, routeLine, routeOf, violationsInWindow, violationsSoFar,
} from '../../src/ui/state/reads.ts';
import { monitorTracks, sampleAt, understated } from '../../src/ui/state/monitor.ts';
import { lies } from '../../src/ui/views/charts/MonitorChart.tsx';
import { fixtureConfig } from './fixture.ts';

const nodes = [{ id: 'primary', role: 'primary' }, { id: 'replica-1', role: 'replica' }, { id: 'replica-eu', role: 'replica' }];

type Read = { op: number; group: string; to: string; at: number; serve: number; reason?: string; token?: number; ryw?: boolean; mono?: boolean; stale?: boolean; wait?: number; fallbackAt?: number; maxLagUs?: number };

/** A trace with hand-placed reads: waits, a fallback, violations, and lag-monitor samples. */
function trace(reads: Read[], extra: TraceRecord[] = []): TraceRecord[] {
  const groups = ['uploaders', 'viewers'];
  const out: TraceRecord[] = [
    { t: 0, type: 'meta', version: 2, scenario: 'reads', seed: 1, durationUs: 10_000_000, nodes, groups, replication: 'async', config: fixtureConfig(nodes, groups, 10_000_000) },
    { t: 0, type: 'primary.change', node: 'primary', previous: null, term: 1, cause: 'start' },
  ];
  for (const r of reads) {
    out.push({ t: r.at, type: 'read.issue', op: r.op, group: r.group, session: r.op % 7, key: 1, to: r.to, required: 0, reason: r.reason ?? 'round-robin', ...(r.maxLagUs !== undefined ? { policy: 'bounded-staleness', maxLagUs: r.maxLagUs, lagUs: 200 } : {}), token: r.token ?? 0, writeToken: r.token ?? 0, readToken: 0 });
    if (r.wait !== undefined) out.push({ t: r.wait, type: 'read.wait', op: r.op, node: r.to, token: r.token ?? 1, timeoutUs: 100_000 });
    let node = r.to;
    if (r.fallbackAt !== undefined) {
      out.push({ t: r.fallbackAt, type: 'read.fallback', op: r.op, from: r.to, to: 'primary', waitedUs: r.fallbackAt - (r.wait ?? r.at) });
      node = 'primary';
    }
    out.push({ t: r.serve, type: 'read.serve', op: r.op, node, key: 1, version: 1 });
    out.push({
      t: r.serve + 500, type: 'read.done', op: r.op, group: r.group, session: r.op % 7, node, key: 1, version: 1, required: 2,
      stale: !!(r.stale || r.ryw || r.mono), versionsBehind: r.stale || r.ryw || r.mono ? 1 : 0, timeBehindUs: 0,
      rywViolation: !!r.ryw, monotonicViolation: !!r.mono, latencyUs: r.serve + 500 - r.at,
      ...(r.wait !== undefined ? { waitedUs: (r.fallbackAt ?? r.serve) - r.wait } : {}),
      ...(r.fallbackAt !== undefined ? { fellBack: true } : {}),
    });
  }
  out.push(...extra);
  return out.sort((a, b) => a.t - b.t);
}

describe('read routing index', () => {
  const tl = buildTimeline(trace([
    { op: 1, group: 'uploaders', to: 'replica-eu', at: 1000, serve: 45_000, reason: 'wait for token lsn 3 (≤ 100ms)', token: 3, wait: 1500 },
    { op: 2, group: 'uploaders', to: 'replica-eu', at: 2000, serve: 103_000, token: 4, wait: 2500, fallbackAt: 102_500 },
    { op: 3, group: 'viewers', to: 'replica-1', at: 3000, serve: 3500, ryw: true },
    { op: 4, group: 'viewers', to: 'replica-1', at: 4000, serve: 4500, mono: true },
    { op: 5, group: 'viewers', to: 'replica-eu', at: 5000, serve: 5500, reason: 'lag 0.2ms ≤ maxLag 50ms', maxLagUs: 50_000 },
  ]));

  it('keeps the reason, the tokens, the hold and the fallback of each read', () => {
    const r1 = routeOf(tl, 1)!;
    expect(r1.reason).toBe('wait for token lsn 3 (≤ 100ms)');
    expect(r1.token).toBe(3);
    expect(r1.hold).toMatchObject({ node: 'replica-eu', fromUs: 1500, untilUs: 45_000, fellBack: false });
    expect(r1.done?.version).toBe(1);
    expect(routeLine(r1)).toContain('held 43.5 ms at replica-eu for LSN 3');
    const r2 = routeOf(tl, 2)!;
    expect(r2.hold).toMatchObject({ untilUs: 102_500, fellBack: true });
    expect(r2.fallback).toMatchObject({ from: 'replica-eu', to: 'primary' });
    expect(r2.onPrimary).toBe(true);
    expect(routeLine(r2)).toContain('timed out → primary');
  });

  it('knows which reads a replica is holding at a moment, and which holds a window overlaps', () => {
    expect(holdingAt(tl, 2000).get('replica-eu')?.map((h) => h.op)).toEqual([1]);
    expect(holdingAt(tl, 50_000).get('replica-eu')?.map((h) => h.op)).toEqual([2]);
    expect(holdingAt(tl, 200_000).size).toBe(0);
    expect(holdsInWindow(tl, 50_000, 60_000).map((h) => h.op)).toEqual([2]);
  });

  it('counts violations where they were served, when their replies arrived (read.done, 500 µs after serving)', () => {
    expect(violationsSoFar(tl, 'replica-1', 3999)).toEqual({ ryw: 0, mono: 0 });
    expect(violationsSoFar(tl, 'replica-1', 4000)).toEqual({ ryw: 1, mono: 0 });
    expect(violationsSoFar(tl, 'replica-1', 5000)).toEqual({ ryw: 1, mono: 1 });
    expect(violationsSoFar(tl, 'replica-eu', 1e9)).toEqual({ ryw: 0, mono: 0 });
    expect(violationsInWindow(tl, 5100, 2000).map((r) => r.monotonicViolation)).toEqual([true, false]);
    expect(violationsInWindow(tl, 5100, 500)).toHaveLength(1);
  });

  it('tallies per group as of the playhead', () => {
    const at = (t: number) => Object.fromEntries(groupTalliesAt(tl, t).map((g) => [g.group, g.tally]));
    expect(at(0).viewers.total).toBe(0);
    expect(at(4999).viewers).toMatchObject({ total: 1, ryw: 1, mono: 0 });
    expect(at(1e9).viewers).toMatchObject({ total: 3, ryw: 1, mono: 1, stale: 2 });
    expect(at(1e9).uploaders).toMatchObject({ total: 2, held: 2, fellBack: 1, onPrimary: 1 });
  });

  it("reads a bounded-staleness router's maxLag from its read.issue records (never from the reason text)", () => {
    expect(maxLagUs(tl)).toBe(50_000);
    expect(maxLagUs(buildTimeline(trace([{ op: 1, group: 'viewers', to: 'replica-1', at: 1, serve: 2 }])))).toBeNull();
  });

  it('tallies across checkpoints match a count from scratch', () => {
    const many: Read[] = Array.from({ length: 700 }, (_, i) => ({
      op: i + 1, group: i % 3 ? 'viewers' : 'uploaders', to: i % 2 ? 'replica-1' : 'primary', at: 1000 + i * 100, serve: 1050 + i * 100,
      ryw: i % 11 === 0, mono: i % 13 === 0,
    }));
    const big = buildTimeline(trace(many));
    for (const t of [0, 30_000, 26_500, 52_000, 1e9]) {
      const done = many.filter((r) => r.serve + 500 <= t);
      const got = Object.fromEntries(groupTalliesAt(big, t).map((g) => [g.group, g.tally]));
      for (const g of ['uploaders', 'viewers']) {
        const mine = done.filter((r) => r.group === g);
        expect(got[g]?.total ?? 0).toBe(mine.length);
        expect(got[g]?.ryw ?? 0).toBe(mine.filter((r) => r.ryw).length);
        expect(got[g]?.onPrimary ?? 0).toBe(mine.filter((r) => r.to === 'primary').length);
      }
    }
  });
});

describe('lag monitor tracks', () => {
  const samples: TraceRecord[] = [0, 500_000, 1_000_000].flatMap((t, i) => [
    { t, type: 'monitor', node: 'replica-1', trueLagUs: 300, lsnLag: 1, secondsBehindUs: 300, appliedLsn: i },
    { t, type: 'monitor', node: 'replica-eu', trueLagUs: 80_000, lsnLag: 16, secondsBehindUs: i === 1 ? 79_000 : 0, appliedLsn: i },
  ] as TraceRecord[]);
  const tl = buildTimeline(trace([], samples));

  it('groups samples per replica in node order', () => {
    const tracks = monitorTracks(tl);
    expect(tracks.map((m) => m.node)).toEqual(['replica-1', 'replica-eu']);
    expect(tracks[1].sbmUs).toEqual([0, 79_000, 0]);
    expect(sampleAt(tracks[1], 499_999)).toBe(0);
    expect(sampleAt(tracks[1], 500_000)).toBe(1);
    expect(sampleAt(tracks[1], -1)).toBe(-1);
  });

  it('flags the samples where Seconds_Behind_Master hides the true lag', () => {
    const [local, eu] = monitorTracks(tl);
    expect([0, 1, 2].map((i) => lies(eu, i))).toEqual([true, false, true]);
    expect([0, 1, 2].some((i) => lies(local, i))).toBe(false);
    expect(understated(eu, 10_000)).toBe(2);
  });
});
