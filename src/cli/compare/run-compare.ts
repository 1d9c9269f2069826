// `repsim compare A B`: both scenarios on the same seeds, on the worker pool.
import type { CompareArgs } from '../args.ts';
import { refuseIfTooLarge } from '../budget.ts';
import { EXIT_OK, type ExitCode } from '../exit-codes.ts';
import type { Io } from '../io.ts';
import { readScenarioFile } from '../read-scenario-file.ts';
import type { Job } from '../sweep/job.ts';
import { assertKnownMetrics } from '../sweep/known-metrics.ts';
import type { MetricValue } from '../sweep/metrics.ts';
import { runJobs } from '../sweep/pool.ts';
import { withProgress } from '../sweep/progress.ts';
import { seedList } from '../sweep/seeds.ts';
import { workerCount } from '../sweep/workers.ts';
import { compareCsv, compareJson, compareTable, type CompareInfo } from './output.ts';
import { compareRuns } from './summarize.ts';

export async function runComparison(args: CompareArgs, io: Io): Promise<ExitCode> {
  const [fileA, fileB] = args.files;
  const scenarios = [readScenarioFile(fileA), readScenarioFile(fileB)];
  // A's seeds for both sides: the point is that B sees A's users.
  const seeds = seedList('compare', scenarios[0], args.seeds, args.seed);
  const durationMs = args.durationUs === undefined ? null : args.durationUs / 1000;
  scenarios.forEach((s, side) => {
    const config = { ...s.config, seed: seeds[0], durationUs: args.durationUs ?? s.config.durationUs };
    refuseIfTooLarge(config, args.files[side], args.allowLarge);
  });
  if (args.metrics) for (const s of scenarios) assertKnownMetrics(args.metrics, s, ` in ${s === scenarios[0] ? fileA : fileB}`);
  const jobs: Job[] = [];
  scenarios.forEach((scenario, side) => {
    const base = durationMs === null ? (scenario.document as object) : { ...(scenario.document as object), duration: durationMs };
    for (const seed of seeds) jobs.push({ index: jobs.length, point: side, seed, file: args.files[side], document: { ...base, seed } });
  });
  const outputs = await withProgress(jobs.length, args.quiet, (onProgress) =>
    runJobs(jobs, { workers: workerCount(args.jobs), metrics: 'all', onProgress }),
  );
  const named = outputs.map((o) => ('named' in o ? o.named : []));
  const select = (runs: [string, MetricValue][][]) =>
    args.metrics ? runs.map((run) => args.metrics!.map((m): [string, MetricValue] => [m, new Map(run).get(m) ?? null])) : runs;
  const rows = compareRuns(select(named.slice(0, seeds.length)), select(named.slice(seeds.length)));
  const info: CompareInfo = {
    a: { file: fileA, scenario: scenarios[0].config.name },
    b: { file: fileB, scenario: scenarios[1].config.name },
    seeds,
    durationMs,
  };
  io.out(args.format === 'json' ? compareJson(info, rows) : args.format === 'csv' ? compareCsv(rows) : compareTable(info, rows));
  return EXIT_OK;
}
