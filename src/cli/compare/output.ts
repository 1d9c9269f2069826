// A comparison as a table for people, or CSV or JSON for tools.
import { alignColumns } from '../text-table.ts';
import { csvCell, exactOrEmpty, formatSig, MISSING } from '../sweep/format-stat.ts';
import type { MeanInterval } from '../sweep/stats.ts';
import type { MetricComparison } from './summarize.ts';

export interface CompareSide {
  file: string;
  scenario: string;
}

export interface CompareInfo {
  a: CompareSide;
  b: CompareSide;
  seeds: (number | string)[];
  durationMs: number | null;
}

const CONFIDENCE = 0.95;

export function compareTable(info: CompareInfo, rows: readonly MetricComparison[]): string {
  const n = info.seeds.length;
  const seeds = n === 1 ? `seed ${info.seeds[0]}` : `seeds ${info.seeds[0]} … ${info.seeds[n - 1]} (${n})`;
  const body = rows.map((r) => [r.metric, formatSig(r.a.mean), formatSig(r.b.mean), formatSig(r.diff.mean), interval(r.diff)]);
  const excludesZero = rows.some((r) => r.diff.low !== null && (r.diff.low > 0 || r.diff.high! < 0));
  return [
    `repsim compare: both sides run on ${seeds}, paired by seed${info.durationMs === null ? '' : `, ${info.durationMs} ms each`}`,
    `  A  ${info.a.file} (${info.a.scenario})`,
    `  B  ${info.b.file} (${info.b.scenario})`,
    '',
    ...alignColumns([['metric', 'A mean', 'B mean', 'B − A', `${CONFIDENCE * 100}% CI of B − A`], ...body], ['left', 'right', 'right', 'right', 'left']),
    '',
    n === 1
      ? '  one seed: no confidence interval (n/a); give --seeds N (e.g. 10) for one'
      : `  CI: Student t over the ${n} paired differences${excludesZero ? '; * the interval excludes 0: B differs from A beyond seed-to-seed noise' : ''}`,
  ].join('\n') + '\n';
}

function interval(s: MeanInterval): string {
  if (s.mean === null) return MISSING;
  if (s.low === null || s.high === null) return 'n/a';
  const star = s.low > 0 || s.high < 0 ? ' *' : '';
  return `[${formatSig(s.low)}, ${formatSig(s.high)}]${star}`;
}

export function compareCsv(rows: readonly MetricComparison[]): string {
  const head = ['metric', 'n', 'a_mean', 'b_mean', 'diff_mean', 'diff_ci_low', 'diff_ci_high'];
  const body = rows.map((r) => [r.metric, String(r.diff.n), exactOrEmpty(r.a.mean), exactOrEmpty(r.b.mean), exactOrEmpty(r.diff.mean), exactOrEmpty(r.diff.low), exactOrEmpty(r.diff.high)]);
  return [head, ...body].map((row) => row.map(csvCell).join(',')).join('\n') + '\n';
}

export function compareJson(info: CompareInfo, rows: readonly MetricComparison[]): string {
  return JSON.stringify({ ...info, confidence: CONFIDENCE, metrics: rows }, null, 2) + '\n';
}
