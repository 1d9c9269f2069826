// The table, CSV and JSON of a sweep. Local runs and merged shards both come through here
// with the same header and values, so their outputs are byte-identical.
import { alignColumns } from '../text-table.ts';
import { csvCell, exactOrEmpty, formatMeanPm } from './format-stat.ts';
import type { PlanHeader } from './plan.ts';
import type { PointSummary } from './summarize.ts';

export const CONFIDENCE = 0.95;

export function sweepTable(header: PlanHeader, points: readonly PointSummary[]): string {
  const seeds = header.seeds;
  const seedText = seeds.length === 1 ? `seed ${seeds[0]}` : `seeds ${seeds[0]} … ${seeds[seeds.length - 1]} (${seeds.length} per point)`;
  const duration = header.durationMs === null ? '' : `, ${header.durationMs} ms each`;
  const head = [...header.vary.map((v) => v.path), ...header.metrics];
  const rows = points.map((p) => [...p.values.map(String), ...p.stats.map(formatMeanPm)]);
  const align = head.map((_, i) => (i < header.vary.length ? 'left' : 'right') as 'left' | 'right');
  const note =
    seeds.length === 1
      ? 'mean of 1 seed: no confidence interval (n/a); give --seeds N for one'
      : `mean ± half-width of the ${CONFIDENCE * 100}% confidence interval over the seeds (Student t)`;
  return [
    `repsim sweep: ${header.scenario} (${header.file})`,
    `  ${header.points} points × ${seedText} = ${header.jobs} runs${duration}`,
    '',
    ...alignColumns([head, ...rows], align),
    '',
    `  ${note}`,
  ].join('\n') + '\n';
}

/** One row per point and metric (tidy form, easy to pivot or plot elsewhere). */
export function sweepCsv(header: PlanHeader, points: readonly PointSummary[]): string {
  const head = ['point', ...header.vary.map((v) => v.path), 'metric', 'n', 'mean', 'sd', 'ci_low', 'ci_high'];
  const rows = points.flatMap((p, i) =>
    header.metrics.map((metric, m) => {
      const s = p.stats[m];
      return [String(i), ...p.values.map(String), metric, String(s.n), exactOrEmpty(s.mean), exactOrEmpty(s.sd), exactOrEmpty(s.low), exactOrEmpty(s.high)];
    }),
  );
  return [head, ...rows].map((row) => row.map(csvCell).join(',')).join('\n') + '\n';
}

export function sweepJson(header: PlanHeader, points: readonly PointSummary[]): string {
  const document = {
    scenario: header.scenario,
    file: header.file,
    vary: header.vary.map(({ path, spec, values }) => ({ path, spec, values })),
    seeds: header.seeds,
    durationMs: header.durationMs,
    confidence: CONFIDENCE,
    metrics: header.metrics,
    points: points.map((p) => ({
      values: Object.fromEntries(header.vary.map((v, i) => [v.path, p.values[i]])),
      metrics: Object.fromEntries(header.metrics.map((metric, m) => [metric, { ...p.stats[m], runs: p.runs[m] }])),
    })),
  };
  return JSON.stringify(document, null, 2) + '\n';
}
