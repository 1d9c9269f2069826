// Sweep throughput: the same small sweep of photo-upload on 1 thread and on 2 (--jobs 1, --jobs 2),
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
const SEEDS = 10;
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
  let oneThreadRate = NaN;
  for (const threads of [1, 2]) {
    const started = performance.now();
    const result = await runJobs(plan.jobs, { workers: threads, metrics: plan.header.metrics });
    const wallS = (performance.now() - started) / 1000;
    const rate = runs / wallS;
    if (threads === 1) oneThreadRate = rate;
    outputs.push(JSON.stringify(result));
    rows.push([String(threads), `${wallS.toFixed(2)} s`, rate.toFixed(2), threads === 1 ? '' : `${(rate / oneThreadRate).toFixed(2)}×`]);
  }
  console.log(alignColumns([['threads', 'wall time', 'runs/s', 'speed-up'], ...rows]).join('\n'));
  console.log(`(2 threads: this one and a worker thread, which first loads the engine; over ${formatCount(runs)} runs that start-up shows)`);
  console.log(`results identical with 1 and 2 threads: ${outputs[0] === outputs[1] ? 'yes' : 'NO'}`);
  if (outputs[0] !== outputs[1]) process.exitCode = 1;
}

await main();
