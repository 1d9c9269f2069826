// Sweep throughput: the same small sweep of photo-upload on 1 worker and on 2 worker threads,
// in runs per wall-clock second. Figures, not pass/fail: the speed-up a machine gives depends
// on its cores and on what else runs on it. Run by bench/run.mjs after the engine benchmark,
// through tsx, because the pool's workers load the TypeScript sources as the CLI does.
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { formatCount } from '../src/cli/format-number.ts';
import { readScenarioFile } from '../src/cli/read-scenario-file.ts';
import { buildPlan } from '../src/cli/sweep/plan.ts';
import { runJobs } from '../src/cli/sweep/pool.ts';
import { parseVary } from '../src/cli/sweep/spec.ts';
import { alignColumns } from '../src/cli/text-table.ts';

const FILE = fileURLToPath(new URL('../scenarios/photo-upload.yaml', import.meta.url));
const SEEDS = 6;
const DURATION_MS = 20_000;

async function main() {
  const scenario = readScenarioFile(FILE);
  const plan = buildPlan({
    file: FILE,
    scenario,
    vary: [parseVary('replication.mode=async,semi-sync')],
    seeds: Array.from({ length: SEEDS }, (_, i) => 1 + i),
    durationMs: DURATION_MS,
    metrics: ['reads.staleFraction', 'writes.latencyMs.p99'],
    allowLarge: false,
  });
  const runs = plan.jobs.length;
  console.log(`\nsweep throughput: photo-upload, ${DURATION_MS / 1000} s simulated per run, ${runs} runs (2 modes × ${SEEDS} seeds), ${availableParallelism()} cores`);
  const rows: string[][] = [];
  const outputs: string[] = [];
  let oneWorkerRate = NaN;
  for (const workers of [1, 2]) {
    const started = performance.now();
    const result = await runJobs(plan.jobs, { workers, metrics: plan.header.metrics });
    const wallS = (performance.now() - started) / 1000;
    const rate = runs / wallS;
    if (workers === 1) oneWorkerRate = rate;
    outputs.push(JSON.stringify(result));
    rows.push([String(workers), `${wallS.toFixed(2)} s`, rate.toFixed(2), workers === 1 ? '' : `${(rate / oneWorkerRate).toFixed(2)}×`]);
  }
  console.log(alignColumns([['workers', 'wall time', 'runs/s', 'speed-up'], ...rows]).join('\n'));
  console.log(`(2 workers include starting the threads and loading the sources in each; ${formatCount(runs)} runs is a short sweep, so that cost shows)`);
  console.log(`results identical with 1 and 2 workers: ${outputs[0] === outputs[1] ? 'yes' : 'NO'}`);
  if (outputs[0] !== outputs[1]) process.exitCode = 1;
}

await main();
