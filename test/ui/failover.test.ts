import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/metrics/simulate.ts';
import type { TraceRecord } from '../../src/model/trace.ts';
import { parseScenario, scenarioFromObject } from '../../src/scenario/index.ts';
import { allRecords, buildTimeline, frameAt } from '../../src/ui/state/index.ts';
import type { Timeline } from '../../src/ui/state/index.ts';
import {
  episodes, failoverIndex, fellBackAt, lostAckedAt, lostOnNode, modeStatus, nodeLogRows, nodeStatus,
  scrubMarks, stepAt, unansweredAt,
} from '../../src/ui/state/failover.ts';
import { isolateAt, promoteAt, reconnectAt } from '../../src/ui/scenarios/edit.ts';
import type { Doc } from '../../src/ui/scenarios/edit.ts';

const ROOT = join(import.meta.dirname, '../..');

function run(name: string, edit?: (d: Doc) => Doc): { doc: Doc; report: ReturnType<typeof simulate>; records: TraceRecord[] } {
  const s = parseScenario(readFileSync(join(ROOT, 'scenarios', `${name}.yaml`), 'utf8'), `${name}.yaml`);
  const doc = edit ? edit(s.document as Doc) : (s.document as Doc);
  const records: TraceRecord[] = [];
  const report = simulate(scenarioFromObject(doc, `${name}.yaml`).config, { trace: (r) => records.push(r) });
  return { doc, report, records };
}

function load(name: string, edit?: (d: Doc) => Doc): { tl: Timeline; doc: Doc; report: ReturnType<typeof simulate>; records: TraceRecord[] } {
  const r = run(name, edit);
  return { ...r, tl: buildTimeline(r.records) };
}

const statusOf = (tl: Timeline, tUs: number, id: string) => {
  const f = frameAt(tl, tUs);
  return nodeStatus(failoverIndex(tl), f, f.nodes.find((n) => n.id === id)!);
};

describe('failover state derived from the trace', () => {
  it('semi-sync: the primary falls back to async when the timeout fires, then semi-sync comes back (mode.state records)', () => {
    const { tl } = load('semi-sync-timeout');
    const ix = failoverIndex(tl);
    const states = allRecords(tl).filter((r) => r.type === 'mode.state');
    const off = states.find((r) => !r.waiting)!;
    const on = states.find((r) => r.waiting && r.t > off.t)!;
    expect(off.t).toBeGreaterThan(10_000_000);
    expect(fellBackAt(ix, 'db-1', off.t - 1)).toBe(false);
    expect(fellBackAt(ix, 'db-1', off.t)).toBe(true);
    expect(modeStatus(ix, frameAt(tl, 5_000_000), 'db-1').short).toBe('semi-sync');
    expect(modeStatus(ix, frameAt(tl, off.t - 1), 'db-1').short).toMatch(/^semi-sync · \d+ waiting$/);
    expect(modeStatus(ix, frameAt(tl, off.t), 'db-1').long).toMatch(/semi-sync timed out → async/);
    expect(modeStatus(ix, frameAt(tl, on.t), 'db-1').short).toBe('semi-sync');
    // While db-2 is cut off, commits pile up unanswered: counted from commit and ack records.
    expect(unansweredAt(ix, 'db-1', 5_000_000).count).toBeLessThan(5);
    const cut = unansweredAt(ix, 'db-1', 11_500_000);
    expect(cut.count).toBeGreaterThan(100);
    // The oldest is one whose acknowledgement was still due when the link was cut at 10 s.
    expect(cut.oldestUs).toBeGreaterThanOrEqual(10_000_000 - 2_000);
    expect(cut.oldestUs).toBeLessThan(10_100_000);
    expect(modeStatus(ix, frameAt(tl, 11_500_000), 'db-1').long).toMatch(/^semi-sync · \d+ commits not acknowledged yet \(oldest 1\.\d s\)/);
    expect(unansweredAt(ix, 'db-1', off.t + 100_000).count).toBeLessThan(5);
    // The fallback and the return are the primary's decisions: on its card, never among the
    // failover manager's steps.
    expect(states.every((r) => r.node === 'db-1')).toBe(true);
    expect(episodes(ix).flatMap((e) => e.steps).filter((s) => s.step === 'mode')).toEqual([]);
  });

  it('async failover: the promoted replica is primary in term 2; the old primary’s tail is lost, acknowledged', () => {
    const { tl, report } = load('async-failover-loses-writes');
    const ix = failoverIndex(tl);
    const f = frameAt(tl, 10_300_000);
    // The replica with the newest log wins; which one that is, the report says.
    const promoted = report.failovers[0].to;
    expect(f.primary).toBe(promoted);
    expect(f.nodes.find((n) => n.id === promoted)!.term).toBe(2);
    expect(statusOf(tl, 10_300_000, 'db-1').role).toBe('DEPOSED PRIMARY');
    expect(statusOf(tl, 9_000_000, 'db-1').role).toBe('PRIMARY (DOWN)');
    // The newest 20 rows of its log: the lost backlog is longer than that, so every row shown is lost.
    const rows = nodeLogRows(tl, ix, f, 'db-1', 20);
    const lost = rows.filter((r) => r.status === 'lost');
    // The backlog lost is longer than the 20 rows shown, so every row shown is lost; rows may
    // include a committed write whose acknowledgement the crash stopped, so the acknowledged
    // count is checked against the report by lostOnNode below.
    expect(lost.length).toBe(Math.min(20, report.writes.lostAcknowledged));
    expect(lost.every((r) => r.term === 1)).toBe(true);
    // Before the promotion nothing is lost yet.
    expect(nodeLogRows(tl, ix, frameAt(tl, 9_000_000), 'db-1', 20).some((r) => r.status === 'lost')).toBe(false);
    expect(lostOnNode(ix, 'db-1', 10_300_000).acked).toBe(report.writes.lostAcknowledged);
    expect(lostAckedAt(ix, tl.endUs)).toBe(report.writes.lostAcknowledged);
    const eps = episodes(ix);
    expect(eps).toHaveLength(1);
    expect(eps[0].cause?.tUs).toBe(8_000_000);
    expect(eps[0].steps.map((s) => s.step)).toEqual(['detected', 'candidate', 'catch-up', 'promoted', 'repointed', 'rollback']);
    expect(eps[0].lostAcked).toBe(report.writes.lostAcknowledged);
    // The timeline counts losses as of the playhead, as the Summary does: none before they happen.
    for (const t of [9_000_000, 10_300_000, tl.endUs]) expect(eps[0].lostAckedAtUs.filter((x) => x <= t).length).toBe(lostAckedAt(ix, t));
    expect(eps[0].lostAckedAtUs.filter((x) => x <= 9_000_000)).toHaveLength(0);
    expect(stepAt(ix, 10_300_000)?.step).toBe('repointed');
  });

  it('lossless semi-sync: entries leave history but none was acknowledged', () => {
    const { tl } = load('semi-sync-lossless');
    const ix = failoverIndex(tl);
    const rows = nodeLogRows(tl, ix, frameAt(tl, 10_300_000), 'db-1', 20).filter((r) => r.status === 'lost');
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.some((r) => r.acked)).toBe(false);
    expect(episodes(ix)[0].lostAcked).toBe(0);
  });

  it('split brain: the deposed primary says who still writes to it and its stale term', () => {
    const { tl } = load('split-brain');
    const s = statusOf(tl, 15_000_000, 'db-1');
    expect(s.role).toBe('DEPOSED PRIMARY');
    expect(s.long).toBe('DEPOSED · still accepting writes from app-east (term 1 < 2): each one is lost');
    expect(s.staleTerm).toBe('term 1 < 2');
    expect(statusOf(tl, 15_000_000, 'db-2').role).toBe('PRIMARY');
    expect(statusOf(tl, 11_000_000, 'db-1').role).toBe('PRIMARY');
  });

  it('fencing: a lease-fenced primary says so', () => {
    const { tl } = load('split-brain-fenced');
    const s = statusOf(tl, 11_000_000, 'db-1');
    expect(s.role).toBe('FENCED PRIMARY');
    expect(s.short).toBe('FENCED: lease expired');
    expect(statusOf(tl, 15_000_000, 'db-1').role).toBe('DEPOSED · FENCED');
  });

  it('a refused failover is an episode of its own: detected, refused, cleared', () => {
    const { tl } = load('failover-refused-max-lag');
    const eps = episodes(failoverIndex(tl));
    expect(eps[0].steps.map((s) => s.step)).toEqual(['detected', 'refused', 'cleared']);
    expect(eps[0].cause?.tUs).toBe(10_000_000);
  });

  it('scrubber marks keep each step apart but fold a run of lost writes into one band', () => {
    const { tl } = load('split-brain');
    const marks = scrubMarks(tl);
    const lost = marks.filter((m) => m.kind === 'lost');
    expect(lost).toHaveLength(1);
    expect(lost[0].untilUs).toBeGreaterThan(lost[0].tUs + 5_000_000);
    expect(lost[0].title).toMatch(/^\d+ writes left history on db-1/);
    const glyphs = marks.filter((m) => m.kind === 'failover').map((m) => m.glyph);
    expect(glyphs).toContain('◉');
    expect(glyphs).toContain('★');
  });
});

describe('promote and isolate by click', () => {
  it('a manual promote re-runs with the prefix before it unchanged and a new primary after', () => {
    const base = run('photo-upload');
    const at = 5_000_000;
    const edited = load('photo-upload', (d) => promoteAt(d, 'db-2', at));
    const before = (records: TraceRecord[]) => JSON.stringify(records.filter((r) => r.t < at));
    expect(before(edited.records)).toBe(before(base.records));
    const f = frameAt(edited.tl, 6_000_000);
    expect(f.primary).toBe('db-2');
    expect(f.nodes.find((n) => n.id === 'db-2')!.term).toBe(2);
  });

  it('isolate puts the node alone against every other endpoint; reconnect ends it', () => {
    const d = { nodes: [{ id: 'primary', role: 'primary' }, { id: 'replica-1' }], faults: [] } as Doc;
    const a = isolateAt(d, 'db-2', ['db-1', 'db-2', 'manager', 'viewers'], 3_000_000);
    expect(a.faults).toEqual([{ at: '3000000us', partition: [['db-2'], ['db-1', 'manager', 'viewers']] }]);
    const b = reconnectAt(a, 'db-2', 4_000_000);
    expect(b.faults).toEqual([{ at: '3000000us', partition: [['db-2'], ['db-1', 'manager', 'viewers']], until: '4000000us' }]);
    expect(d.faults).toEqual([]);
  });
});

describe('a returning old primary under the mysql flavour', () => {
  it('is shown left out with its errant transactions, as many as the report counts', () => {
    const { tl, report, records } = load('semi-sync-lossless');
    const errant = records.find((r) => r.type === 'errant');
    expect(errant?.type).toBe('errant');
    if (errant?.type !== 'errant') return;
    expect(report.errantTransactions.total).toBe(errant.count);
    const ix = failoverIndex(tl);
    expect(statusOf(tl, errant.t - 1, errant.node).role).not.toBe('LEFT OUT');
    const s = statusOf(tl, errant.t, errant.node);
    expect(s.role).toBe('LEFT OUT');
    expect(s.short).toBe(`${errant.count} errant txn${errant.count === 1 ? '' : 's'}`);
    expect(s.long).toContain(`that ${errant.primary} lacks`);
    expect(ix.errants).toHaveLength(1);
  });
});

describe('a deposed primary that is down, by failover flavour', () => {
  it('mysql: the card says a returning old primary would be left out; postgres: that it rejoins as a replica', () => {
    // semi-sync-after-commit (flavor mysql): db-1's site fails at 8 s and db-3 is promoted; db-1 never returns.
    const mysql = load('semi-sync-after-commit').tl;
    expect(failoverIndex(mysql).flavor).toBe('mysql');
    expect(statusOf(mysql, 12_000_000, 'db-1')).toMatchObject({ role: 'DEPOSED PRIMARY', pill: 'deposed: left out if it returns' });
    // The same run with flavor postgres: pg_rewind would bring it back as a replica.
    const postgres = load('semi-sync-after-commit', (d) => ({ ...d, failover: { ...(d.failover as object), flavor: 'postgres' } }) as Doc).tl;
    expect(failoverIndex(postgres).flavor).toBe('postgres');
    expect(statusOf(postgres, 12_000_000, 'db-1')).toMatchObject({ role: 'DEPOSED PRIMARY', pill: 'deposed: will rejoin as a replica' });
  });
});
