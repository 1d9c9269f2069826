import { describe, expect, it } from 'vitest';
import type { Report, Summary } from '../../src/metrics/report.ts';
import { formatCount, formatMs, formatPercent } from '../../src/cli/format-number.ts';
import { formatTable } from '../../src/cli/format-table.ts';

const summary = (mean: number): Summary => ({ mean, p50: mean, p99: mean * 3, max: mean * 5, count: 10 });

function fixtureReport(overrides: Partial<Report> = {}): Report {
  return {
    scenario: 'Photo upload',
    seed: 7,
    simulatedTimeMs: 60_000,
    events: 1_234_567,
    writes: { issued: 1210, acknowledged: 1200, failed: 10, lostAcknowledged: 3, latencyMs: summary(1.23456), unavailableMs: 0, ackedByDeposedPrimary: 0, lockWaits: { count: 0, fraction: 0, waitMs: summary(0) } },
    reads: {
      total: 24_000,
      failed: 0,
      stale: 120,
      staleFraction: 0.005,
      rywViolations: 4,
      monotonicViolations: 2,
      phantom: 0,
      byNode: { primary: 8000, 'replica-1': 16000 },
      latencyMs: summary(0.5),
      versionsBehind: summary(1.5),
      timeBehindMs: summary(4.25),
      primaryShare: 0.33,
      waited: 0,
      fellBack: 0,
      waitMs: summary(0),
      byGroup: {},
    },
    replication: {
      mode: 'semi-sync',
      applyDelayMs: { 'replica-1': summary(81.23456) },
      lagMs: { 'replica-1': { mean: 40, max: 1200 } },
      lagSeries: { intervalMs: 100, byReplica: {} },
      monitor: { intervalMs: 1000, measure: 'heartbeat', byReplica: {} },
    },
    failovers: [{ atMs: 30_000, detectedAtMs: 33_000, completedAtMs: 33_100.5, from: 'primary', to: 'replica-1', lostWrites: 3 }],
    errantTransactions: { total: 0, byNode: {} },
    expectations: [
      { expr: 'reads.staleFraction < 0.05', actual: 0.005, pass: true },
      { expr: 'writes.lostAcknowledged == 0', actual: 3, pass: false },
    ],
    ...overrides,
  };
}

describe('formatTable', () => {
  const text = formatTable(fixtureReport());

  it('heads the report with scenario, seed, simulated time, events and replication mode', () => {
    expect(text).toMatch(/^repsim report: Photo upload\n/);
    expect(text).toMatch(/seed\s+7\n/);
    expect(text).toMatch(/simulated time\s+60 s\n/);
    expect(text).toMatch(/events\s+1,234,567\n/);
    expect(text).toMatch(/replication\s+semi-sync\n/);
  });

  it('rounds milliseconds to three decimals and shows stale reads as a percentage', () => {
    expect(text).toMatch(/latency ms\s+1\.235\s+1\.235\s+3\.704\s+6\.173/);
    expect(text).toMatch(/stale\s+120\s+0\.50%/);
    expect(text).toMatch(/replica-1\s+81\.235\s+81\.235\s+243\.704\s+406\.173\s+40\.000\s+1200\.000/);
  });

  it('lists reads by node with their share', () => {
    expect(text).toMatch(/primary\s+8,000\s+33\.33%/);
    expect(text).toMatch(/replica-1\s+16,000\s+66\.67%/);
  });

  it('lists failovers, or says there were none', () => {
    expect(text).toMatch(/30000\.000\s+33000\.000\s+33100\.500\s+primary\s+replica-1\s+3/);
    expect(formatTable(fixtureReport({ failovers: [] }))).toContain('Failovers: none');
  });

  it('marks expectations ✓ or ✗ with the actual value', () => {
    expect(text).toMatch(/✓ reads\.staleFraction < 0\.05\s+actual 0\.005/);
    expect(text).toMatch(/✗ writes\.lostAcknowledged == 0\s+actual 3/);
  });

  it('aligns the columns of a table', () => {
    const rows = text.split('\n').filter((line) => /^\s+(replica|replica-1)\s/.test(line) && /delay mean|81\.235/.test(line));
    expect(rows).toHaveLength(2);
    expect(rows[0].length).toBe(rows[1].length);
  });

  it('prints a dash, not NaN, for a summary with no samples', () => {
    const empty = formatTable(fixtureReport({ writes: { ...fixtureReport().writes, latencyMs: summary(NaN) } }));
    expect(empty).not.toContain('NaN');
  });
});

describe('number formatting is locale-independent', () => {
  it('groups thousands with commas', () => expect(formatCount(1234567)).toBe('1,234,567'));
  it('shows ms to the microsecond', () => expect(formatMs(0.0004)).toBe('0.000'));
  it('shows fractions as percentages', () => expect(formatPercent(0.12345)).toBe('12.35%'));
});
