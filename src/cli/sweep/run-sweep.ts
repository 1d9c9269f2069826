// The three ways a sweep runs: all here (or just planned), one shard of a plan, or a merge.
import type { SweepArgs, SweepMode } from '../args.ts';
import { EXIT_OK, type ExitCode } from '../exit-codes.ts';
import type { Io } from '../io.ts';
import { readScenarioFile } from '../read-scenario-file.ts';
import type { MetricValue } from './metrics.ts';
import { mergeResults } from './merge.ts';
import { buildPlan, type PlanHeader } from './plan.ts';
import { sweepSvg } from './plot-svg.ts';
import { runJobs } from './pool.ts';
import { withProgress } from './progress.ts';
import { planText, readPlan, resultsText, type ResultLine } from './results-file.ts';
import { seedList } from './seeds.ts';
import { inShard, parseShard } from './shard.ts';
import { parseVary } from './spec.ts';
import { summarize } from './summarize.ts';
import { sweepCsv, sweepJson, sweepTable } from './sweep-output.ts';
import { workerCount } from './workers.ts';
import { writeOutput } from './write-output.ts';

type Local = Extract<SweepMode, { kind: 'local' }>;
type Run = Extract<SweepMode, { kind: 'run' }>;
type Merge = Extract<SweepMode, { kind: 'merge' }>;

export async function localSweep(args: SweepArgs, mode: Local, io: Io, defaultMetrics: string[]): Promise<ExitCode> {
  // Specs first: a typo in --vary is reported before the file is even read.
  const vary = mode.vary.map(parseVary);
  const scenario = readScenarioFile(mode.file);
  const plan = buildPlan({
    file: mode.file,
    scenario,
    vary,
    seeds: seedList('sweep', scenario, args.seeds, args.seed),
    durationMs: args.durationUs === undefined ? null : args.durationUs / 1000,
    metrics: args.metrics ?? defaultMetrics,
    allowLarge: args.allowLarge,
  });
  if (mode.planPath !== undefined) {
    writeOutput('sweep', mode.planPath, planText(plan));
    const h = plan.header;
    io.out(`wrote ${h.jobs} jobs (${h.points} points × ${h.seeds.length} seeds) to ${mode.planPath}\n` +
      `run shard I of N with:  repsim sweep --run ${mode.planPath} --shard I/N --out results-I.ndjson\n` +
      `then combine them with:  repsim sweep --merge results-*.ndjson`);
    return EXIT_OK;
  }
  const outputs = await withProgress(plan.jobs.length, args.quiet, (onProgress) =>
    runJobs(plan.jobs, { workers: workerCount(args.jobs), metrics: plan.header.metrics, onProgress }),
  );
  present(plan.header, outputs.map((o) => ('values' in o ? o.values : [])), args, io);
  return EXIT_OK;
}

export async function shardRun(args: SweepArgs, mode: Run, io: Io): Promise<ExitCode> {
  const shard = parseShard(mode.shard);
  const plan = readPlan(mode.planPath);
  const jobs = plan.jobs.filter((job) => inShard(job.index, shard));
  const outputs = await withProgress(jobs.length, args.quiet, (onProgress) =>
    runJobs(jobs, { workers: workerCount(args.jobs), metrics: plan.header.metrics, onProgress }),
  );
  const lines: ResultLine[] = jobs.map((job, i) => {
    const output = outputs[i];
    return { type: 'result', index: job.index, seed: job.seed, values: 'values' in output ? output.values : [] };
  });
  const text = resultsText(plan.header, lines);
  if (mode.outPath === undefined) io.out(text);
  else writeOutput('sweep', mode.outPath, text);
  return EXIT_OK;
}

export async function mergeSweep(args: SweepArgs, mode: Merge, io: Io): Promise<ExitCode> {
  const { header, results } = mergeResults(mode.files);
  present(header, results, args, io);
  return EXIT_OK;
}

function present(header: PlanHeader, results: MetricValue[][], args: SweepArgs, io: Io): void {
  const points = summarize(header, results);
  io.out(sweepTable(header, points));
  if (args.csvPath !== undefined) writeOutput('sweep', args.csvPath, sweepCsv(header, points));
  if (args.jsonPath !== undefined) writeOutput('sweep', args.jsonPath, sweepJson(header, points));
  if (args.svgPath !== undefined) writeOutput('sweep', args.svgPath, sweepSvg(header, points));
}
