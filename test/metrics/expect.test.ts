import { describe, expect, it } from 'vitest';
import { checkReportPath, evaluateExpectations, parseExpectation } from '../../src/metrics/expect.ts';
import type { Report } from '../../src/metrics/report.ts';

const summary = (p99: number) => ({ mean: p99 / 2, p50: p99 / 3, p99, max: p99 * 2, count: 10 });

const report: Report = {
  scenario: 'test',
  seed: 1,
  simulatedTimeMs: 60_000,
  events: 1234,
  writes: { issued: 100, acknowledged: 98, failed: 2, lostAcknowledged: 0, latencyMs: summary(12), unavailableMs: 0, ackedByDeposedPrimary: 0, lockWaits: { count: 0, fraction: 0, waitMs: summary(0) } },
  reads: {
    total: 1000,
    failed: 0,
    stale: 30,
    staleFraction: 0.03,
    rywViolations: 1,
    monotonicViolations: 0,
    phantom: 0,
    byNode: { primary: 400, 'replica-1': 600 },
    latencyMs: summary(2),
    versionsBehind: summary(1),
    timeBehindMs: summary(5),
    primaryShare: 0.4,
    waited: 0,
    fellBack: 0,
    waitMs: summary(0),
    byGroup: {},
  },
  replication: {
    mode: 'semi-sync',
    applyDelayMs: { 'replica-1': summary(3) },
    lagMs: { 'replica-1': { mean: 1.5, max: 40 } },
    lagSeries: { intervalMs: 100, byReplica: { 'replica-1': [0, 1, 2] } },
    monitor: { intervalMs: 1000, measure: 'heartbeat', byReplica: {} },
  },
  failovers: [{ atMs: 30_000, detectedAtMs: 33_000, completedAtMs: 33_100, from: 'primary', to: 'replica-1', lostWrites: 2 }],
  errantTransactions: { total: 0, byNode: {} },
  expectations: [],
};

describe('parsing expectations', () => {
  it('reads a path, an operator and a number', () => {
    expect(parseExpectation('reads.staleFraction < 0.05').comparisons).toEqual([
      { path: 'reads.staleFraction', segments: ['reads', 'staleFraction'], op: '<', value: 0.05 },
    ]);
  });

  it('accepts every operator, negative and exponent numbers, booleans and strings', () => {
    const ops = ['<', '<=', '>', '>=', '==', '!='];
    for (const op of ops) expect(parseExpectation(`events ${op} 1`).comparisons[0].op).toBe(op);
    expect(parseExpectation('events>-1e3').comparisons[0].value).toBe(-1000);
    expect(parseExpectation('failovers.0.to == replica-1').comparisons[0].value).toBe('replica-1');
    expect(parseExpectation("replication.mode == 'semi-sync'").comparisons[0].value).toBe('semi-sync');
    expect(parseExpectation('replication.mode != "a b"').comparisons[0].value).toBe('a b');
    expect(parseExpectation('x == true').comparisons[0].value).toBe(true);
  });

  it('joins comparisons with and; ids in paths may contain dashes', () => {
    const p = parseExpectation('replication.lagMs.replica-1.max <= 500 and failovers.length == 1');
    expect(p.comparisons.map((c) => c.segments)).toEqual([['replication', 'lagMs', 'replica-1', 'max'], ['failovers', 'length']]);
  });

  it('explains bad syntax', () => {
    expect(() => parseExpectation('')).toThrow(/non-empty/);
    expect(() => parseExpectation('reads.total')).toThrow(/expected one of < <= > >= == !=/);
    expect(() => parseExpectation('reads.total =< 3')).toThrow(/cannot read `=< 3`/);
    expect(() => parseExpectation('reads.total > ')).toThrow(/expected a value/);
    expect(() => parseExpectation('reads.total > 3 or events > 1')).toThrow(/expected `and`/);
    expect(() => parseExpectation('reads.total > 3 and')).toThrow(/report path/);
    expect(() => parseExpectation('replication.mode < sync')).toThrow(/compares numbers/);
    expect(() => parseExpectation('reads..total > 1')).toThrow(/report path/);
  });
});

describe('checking paths against the report', () => {
  it('accepts static fields, keyed ids, list indices and length', () => {
    for (const p of ['reads.staleFraction', 'writes.latencyMs.p99', 'replication.lagMs.replica-1.max', 'failovers.length', 'failovers.0.lostWrites', 'reads.byNode.primary'])
      expect(checkReportPath(p.split('.')), p).toBeNull();
  });

  it('suggests the field a misspelt path meant', () => {
    expect(checkReportPath(['raeds', 'total'])).toMatch(/did you mean `reads`/);
    expect(checkReportPath(['writes', 'latencyMs', 'p999'])).toMatch(/did you mean `p99`/);
  });

  it('refuses paths that end on an object or a list', () => {
    expect(checkReportPath(['writes', 'latencyMs'])).toMatch(/pick one of its fields: mean, p50, p99, max, count/);
    expect(checkReportPath(['failovers'])).toMatch(/failovers.length/);
    expect(checkReportPath(['failovers', 'first'])).toMatch(/is a list/);
    expect(checkReportPath(['events', 'x'])).toMatch(/is a value/);
  });
});

describe('evaluating expectations', () => {
  it('passes and fails comparisons with the actual value', () => {
    expect(evaluateExpectations(report, ['reads.staleFraction < 0.05', 'writes.latencyMs.p99 > 20'])).toEqual([
      { expr: 'reads.staleFraction < 0.05', actual: 0.03, pass: true },
      { expr: 'writes.latencyMs.p99 > 20', actual: 12, pass: false },
    ]);
  });

  it('reads ids with dashes, list lengths and list elements', () => {
    const r = evaluateExpectations(report, ['replication.lagMs.replica-1.max <= 40', 'failovers.length == 1', 'failovers.0.lostWrites == 2', 'failovers.0.to == replica-1']);
    expect(r.map((x) => x.pass)).toEqual([true, true, true, true]);
    expect(r[1].actual).toBe(1);
  });

  it('fails with actual null when the path has no value', () => {
    expect(evaluateExpectations(report, ['replication.lagMs.replica-9.max < 1', 'failovers.3.lostWrites == 0'])).toEqual([
      { expr: 'replication.lagMs.replica-9.max < 1', actual: null, pass: false },
      { expr: 'failovers.3.lostWrites == 0', actual: null, pass: false },
    ]);
  });

  it('reports the first failing comparison of an and', () => {
    expect(evaluateExpectations(report, ['reads.total == 1000 and reads.stale == 0'])).toEqual([
      { expr: 'reads.total == 1000 and reads.stale == 0', actual: 30, pass: false },
    ]);
    expect(evaluateExpectations(report, ['reads.total == 1000 and reads.stale == 30'])[0]).toEqual({
      expr: 'reads.total == 1000 and reads.stale == 30',
      actual: 1000,
      pass: true,
    });
  });

  it('compares strings and booleans only for equality, and never numbers to strings', () => {
    const r = evaluateExpectations(report, ['replication.mode == semi-sync', 'replication.mode != sync', 'reads.total == "1000"']);
    expect(r.map((x) => x.pass)).toEqual([true, true, false]);
  });

  it('fails an expression that does not parse instead of throwing', () => {
    expect(evaluateExpectations(report, ['reads.total >'])).toEqual([{ expr: 'reads.total >', actual: null, pass: false }]);
  });
});
