import { describe, expect, it } from 'vitest';
import { AnchorFold, anchorLabel, parseAnchor, type AnchorContext } from '../../src/metrics/anchors.ts';
import type { TraceRecord } from '../../src/model/trace.ts';

const HEARTBEAT: AnchorContext = { monitorMeasure: 'heartbeat', maxLagUs: 200_000 };

function timeOf(anchor: string, records: TraceRecord[], ctx: AnchorContext = HEARTBEAT): number | undefined {
  const fold = new AnchorFold(parseAnchor(anchor), ctx);
  for (const r of records) fold.accept(r);
  return fold.timeUs;
}

const done = (t: number, over: Partial<Extract<TraceRecord, { type: 'read.done' }>>): TraceRecord => ({
  t, type: 'read.done', op: t, group: 'viewers', session: 0, node: 'replica-1', key: 1, version: 1, required: 1,
  stale: false, versionsBehind: 0, timeBehindUs: 0, rywViolation: false, monotonicViolation: false, latencyUs: 1000, ...over,
});
const apply = (t: number, node: string, delayUs: number): TraceRecord => ({ t, type: 'entry.apply', node, lsn: t, key: 1, delayUs });

describe('parsing event anchors', () => {
  it('accepts the documented names, with and without a qualifier', () => {
    expect(parseAnchor('first-stale-read')).toEqual({ text: 'first-stale-read', name: 'first-stale-read' });
    expect(parseAnchor('lag-peak:replica-eu')).toEqual({ text: 'lag-peak:replica-eu', name: 'lag-peak', qualifier: 'replica-eu' });
    expect(parseAnchor('failover.completed').name).toBe('failover.completed');
    expect(parseAnchor('failover.refused').name).toBe('failover.refused');
    expect(parseAnchor('fault:crash').qualifier).toBe('crash');
  });

  it.each([
    ['first-stale-reads', /unknown event `first-stale-reads` \(did you mean `first-stale-read`\?\)/],
    ['lag-peak', /needs a node name/],
    ['first-commit:primary', /takes no `:…` qualifier/],
    ['first-stale-read:', /needs a group name/],
    ['fault:explode', /unknown fault kind `explode`/],
    ['toString', /unknown event/],
  ])('refuses %s', (text, message) => {
    expect(() => parseAnchor(text)).toThrow(message);
  });

  it('labels a marker in plain words, naming the qualifier', () => {
    expect(anchorLabel(parseAnchor('first-stale-read:viewers'))).toBe('first stale read (viewers)');
  });
});

describe('resolving anchors on synthetic traces', () => {
  const reads = [done(10, {}), done(20, { stale: true, group: 'naive' }), done(30, { stale: true }), done(40, { rywViolation: true }), done(50, { monotonicViolation: true, group: 'naive' })];

  it('first-* anchors settle on the first matching record, filtered by their qualifier', () => {
    expect(timeOf('first-read', reads)).toBe(10);
    expect(timeOf('first-stale-read', reads)).toBe(20);
    expect(timeOf('first-stale-read:viewers', reads)).toBe(30);
    expect(timeOf('first-ryw-violation', reads)).toBe(40);
    expect(timeOf('first-monotonic-violation:viewers', reads)).toBeUndefined();
    expect(timeOf('first-monotonic-violation:naive', reads)).toBe(50);
  });

  it('lag-peak is the apply with the longest delay since commit on that replica (the first of equals)', () => {
    const trace = [apply(100, 'r1', 5), apply(200, 'r2', 90), apply(300, 'r1', 40), apply(400, 'r1', 40), apply(500, 'r1', 7)];
    expect(timeOf('lag-peak:r1', trace)).toBe(300);
    expect(timeOf('lag-peak:r2', trace)).toBe(200);
    expect(timeOf('lag-peak:r3', trace)).toBeUndefined();
  });

  it('semi-sync-fallback is a timeout to async, and restored a catch-up back to waiting', () => {
    const trace: TraceRecord[] = [
      { t: 5, type: 'mode.state', node: 'p', mode: 'semi-sync', waiting: false, waitingCommits: 0, cause: 'reset' },
      { t: 12, type: 'mode.state', node: 'p', mode: 'semi-sync', waiting: false, waitingCommits: 3, cause: 'timeout' },
      { t: 20, type: 'mode.state', node: 'p', mode: 'semi-sync', waiting: true, waitingCommits: 0, cause: 'caught-up' },
    ];
    expect(timeOf('semi-sync-fallback', trace)).toBe(12);
    expect(timeOf('semi-sync-restored', trace)).toBe(20);
  });

  it('primary-change skips the start record; first-primary-read follows the primary as it changes', () => {
    const trace: TraceRecord[] = [
      { t: 0, type: 'primary.change', node: 'p', previous: null, term: 1, cause: 'start' },
      done(10, { node: 'r1' }),
      { t: 15, type: 'primary.change', node: 'r1', previous: 'p', term: 2, cause: 'failover' },
      done(20, { node: 'p' }),
      done(30, { node: 'r1' }),
    ];
    expect(timeOf('primary-change', trace)).toBe(15);
    expect(timeOf('primary-change:p', trace)).toBeUndefined();
    expect(timeOf('first-primary-read', trace)).toBe(30);
  });

  it('shunned compares the measure the monitor reports with the tightest maxLag', () => {
    const trace: TraceRecord[] = [
      { t: 1, type: 'monitor', node: 'r2', trueLagUs: 250_000, lsnLag: 5, secondsBehindUs: 0, appliedLsn: 1 },
      { t: 2, type: 'monitor', node: 'r2', trueLagUs: 250_000, lsnLag: 5, secondsBehindUs: 300_000, appliedLsn: 1 },
    ];
    expect(timeOf('shunned:r2', trace)).toBe(1);
    expect(timeOf('shunned:r2', trace, { monitorMeasure: 'seconds-behind', maxLagUs: 200_000 })).toBe(2);
    expect(timeOf('shunned:r2', trace, { monitorMeasure: 'heartbeat' })).toBeUndefined();
  });

  it('first-write-lost waits for a lost write that was acknowledged, whichever came first', () => {
    const lost = (t: number, op: number): TraceRecord => ({ t, type: 'write.lost', op, lsn: op, node: 'p', term: 1, cause: 'abandoned-branch' });
    const ack = (t: number, op: number): TraceRecord => ({ t, type: 'write.ack', op, group: 'g', session: 0, key: 1, lsn: op, latencyUs: 1 });
    // op 1 is lost but never acknowledged (harmless); op 2 was acknowledged, then lost.
    expect(timeOf('first-write-lost', [lost(10, 1), ack(20, 2), lost(30, 2)])).toBe(30);
    // A deposed primary acknowledges op 3 after it already left history.
    expect(timeOf('first-write-lost', [lost(10, 1), lost(15, 3), ack(40, 3)])).toBe(40);
    expect(timeOf('first-write-lost', [lost(10, 1), ack(20, 2)])).toBeUndefined();
  });

  it('failover steps, faults, rollbacks and fencing', () => {
    const trace: TraceRecord[] = [
      { t: 1, type: 'fault', kind: 'partition', nodes: ['p'], detail: '' },
      { t: 2, type: 'fence', node: 'p', fenced: true, cause: 'lease' },
      { t: 3, type: 'failover', step: 'detected', from: 'p', detail: '' },
      { t: 4, type: 'failover', step: 'promoted', from: 'p', to: 'r1', term: 2, detail: '' },
      { t: 5, type: 'failover', step: 'repointed', detail: '' },
      { t: 6, type: 'rollback', node: 'p', primary: 'r1', term: 2, fromLsn: 10, toLsn: 8, entries: 2, source: 'own-log' },
    ];
    expect([timeOf('fault', trace), timeOf('fault:crash', trace), timeOf('fenced:p', trace), timeOf('failover.detected', trace)]).toEqual([1, undefined, 2, 3]);
    expect([timeOf('failover.promoted', trace), timeOf('failover.completed', trace), timeOf('rollback:p', trace), timeOf('rollback:r1', trace)]).toEqual([4, 5, 6, undefined]);
  });
});
