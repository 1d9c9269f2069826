import { describe, expect, it } from 'vitest';
import { describeChange, formatGoldenJson, lineDiff, parseGolden, type GoldenRun } from '../../scripts/golden-run.ts';

// What `npm run golden` prints for review: the field that changed, old and new values.
function run(report: unknown, sha = 'a'.repeat(64), records = 10): GoldenRun {
  const reportText = formatGoldenJson(report, 1);
  const text = ['{', '  "scenario": "scenarios/x.yaml",', '  "regenerate": "npm run golden",', `  "trace": { "sha256": "${sha}", "records": ${records} },`, `  "report": ${reportText}`, '}', ''].join('\n');
  return { scenario: 'scenarios/x.yaml', goldenPath: 'test/golden/x.json', traceSha256: sha, traceRecords: records, text, reportText, failedExpectations: [] };
}

const report = (lost: number, series: number[]) => ({
  writes: { acknowledged: 5, lostAcknowledged: lost },
  replication: { lagSeries: { byReplica: { r1: series } } },
  failovers: [{ to: 'r1', lostWrites: 0 }, { to: 'r2', lostWrites: lost }],
});

describe('golden files and their review output', () => {
  it('reads back what it writes', () => {
    const r = run(report(1, [0]));
    expect(parseGolden(r.text)).toEqual({ traceSha256: r.traceSha256, traceRecords: 10, reportText: r.reportText });
  });

  it('says nothing when nothing changed', () => {
    expect(describeChange(run(report(1, [0])).text, run(report(1, [0])))).toEqual([]);
  });

  it('names the changed field with its old and new value, and a changed trace digest', () => {
    const lines = describeChange(run(report(1, [0])).text, run(report(2, [0]), 'b'.repeat(64), 11));
    expect(lines[0]).toBe('scenarios/x.yaml: report changed');
    expect(lines).toContain('  @ writes');
    expect(lines).toContain('  -       "lostAcknowledged": 1');
    expect(lines).toContain('  +       "lostAcknowledged": 2');
    expect(lines).toContain('  @ failovers[1]');
    expect(lines.at(-1)).toBe('scenarios/x.yaml: trace digest changed (10 → 11 records)');
  });

  it('tells a long series by the values that changed', () => {
    const before = Array.from({ length: 200 }, (_, i) => i);
    const after = before.map((v, i) => (i === 7 ? 70 : v));
    const lines = describeChange(run(report(1, before)).text, run(report(1, after)));
    expect(lines).toContain('  ~ "r1": 1 of 200 values changed: [7] 7 → 70');
  });

  it('diffs lines as a longest common subsequence, removals first', () => {
    expect(lineDiff('a\nb\nc', 'a\nx\nc')).toEqual(['@ (top)', '  a', '- b', '+ x', '  c']);
  });
});
