// Throughput and memory benchmark: 1 primary + 9 async replicas under Poisson writes,
// long enough for ≥ 1,000,000 acknowledged writes, trace off (the headless CI case).
//
// The full run is repeated three times and the throughput targets are judged on the median:
// on a shared machine one run's speed can be off by a third either way, and the median of
// three is much steadier than any single run (all three are printed).
//
//   npm run bench                 # default: 1,000,000 writes
//   npm run bench -- --writes N   # scale the run
//
// Speed is measured here and only here: unit tests are never timed (CRAFT.md).
import { parseArgs } from 'node:util';
import { formatCount } from '../src/cli/format-number.ts';
import { alignColumns } from '../src/cli/text-table.ts';
import type { Report } from '../src/metrics/report.ts';
import { simulate } from '../src/metrics/simulate.ts';
import { scenarioFromObject } from '../src/scenario/index.ts';
import { benchScenario, READS_PER_SEC, REPLICAS, WRITES_PER_SEC } from './scenario.ts';

const TARGET_WRITES_PER_WALL_SEC = 100_000;
const TARGET_EVENTS_PER_WALL_SEC = 2_000_000;
const TARGET_PEAK_RSS_MB = 150;
const FULL_RUNS = 3;

interface Measurement {
  label: string;
  report: Report;
  wallS: number;
  /** CPU time of this process during the run; far below wallS means a busy machine. */
  cpuS: number;
  /** Peak resident set of the whole process so far (a high-water mark). */
  peakRssMb: number;
}

// simulate() is synchronous, so RSS cannot be sampled while it runs; the kernel's
// high-water mark (maxRSS) catches the true peak instead. Running a quarter-length run
// first and comparing peaks shows whether memory grows with run length.
function measure(label: string, writes: number): Measurement {
  const config = scenarioFromObject(benchScenario(writes), 'bench.yaml').config;
  const start = process.hrtime.bigint();
  const cpuStart = process.cpuUsage();
  const report = simulate(config);
  const cpu = process.cpuUsage(cpuStart);
  const wallS = Number(process.hrtime.bigint() - start) / 1e9;
  return { label, report, wallS, cpuS: (cpu.user + cpu.system) / 1e6, peakRssMb: process.resourceUsage().maxRSS / 1024 };
}

function main(): void {
  const { values } = parseArgs({ options: { writes: { type: 'string', default: '1000000' } } });
  const writes = Number(values.writes);
  if (!Number.isSafeInteger(writes) || writes < 1000) {
    console.error(`bench: --writes must be an integer ≥ 1000, got '${values.writes}'`);
    process.exit(2);
  }
  const baselineRssMb = process.resourceUsage().maxRSS / 1024;
  console.log(`repsim benchmark: 1 primary + ${REPLICAS} async replicas, ${WRITES_PER_SEC} writes/s + ${READS_PER_SEC} reads/s, trace off`);
  const quarter = measure('quarter', Math.round(writes / 4));
  const full = Array.from({ length: FULL_RUNS }, (_, i) => measure(`full ${i + 1}`, writes));
  printRuns([quarter, ...full]);
  // Node itself already holds this much before the simulator allocates anything.
  console.log(`process baseline before any run (plain node, bundled): ${baselineRssMb.toFixed(1)} MB`);
  const ok = printTargets(full, quarter, writes);
  process.exitCode = ok ? 0 : 1;
}

function printRuns(runs: Measurement[]): void {
  const header = ['run', 'simulated s', 'acked writes', 'events', 'wall s', 'cpu s', 'writes/s', 'events/s', 'peak RSS MB'];
  const rows = runs.map(({ label, report, wallS, cpuS, peakRssMb }) => [
    label,
    formatCount(report.simulatedTimeMs / 1000),
    formatCount(report.writes.acknowledged),
    formatCount(report.events),
    wallS.toFixed(2),
    cpuS.toFixed(2),
    formatCount(report.writes.acknowledged / wallS),
    formatCount(report.events / wallS),
    peakRssMb.toFixed(1),
  ]);
  console.log(alignColumns([header, ...rows]).join('\n'));
  // The targets are per wall-clock second; CPU time shows whether other load skewed them
  // (the CPU time includes garbage collection on other threads, so it can exceed wall time).
  const busy = runs.some((run) => run.cpuS < run.wallS * 0.8);
  if (busy) console.log('note: CPU time is well below wall time: the machine was busy, so rates per wall second are pessimistic');
}

/** The run with the median writes per wall second (the same run is used for events/s). */
function medianRun(runs: Measurement[]): Measurement {
  const rate = (m: Measurement) => m.report.writes.acknowledged / m.wallS;
  return [...runs].sort((a, b) => rate(a) - rate(b))[(runs.length - 1) >> 1];
}

function printTargets(full: Measurement[], quarter: Measurement, writes: number): boolean {
  const median = medianRun(full);
  const writesPerS = median.report.writes.acknowledged / median.wallS;
  const eventsPerS = median.report.events / median.wallS;
  // Peak RSS is a high-water mark of the whole process, so the last run's is the peak of all.
  const peakRssMb = full[full.length - 1].peakRssMb;
  const rssGrowthMb = full[0].peakRssMb - quarter.peakRssMb;
  const acked = Math.min(...full.map((m) => m.report.writes.acknowledged));
  const checks: [string, string, string, boolean][] = [
    ['acknowledged writes', `≥ ${formatCount(writes)}`, formatCount(acked), acked >= writes],
    ['writes per wall second (median run)', `≥ ${formatCount(TARGET_WRITES_PER_WALL_SEC)}`, formatCount(writesPerS), writesPerS >= TARGET_WRITES_PER_WALL_SEC],
    ['events per wall second (median run)', `≥ ${formatCount(TARGET_EVENTS_PER_WALL_SEC)}`, formatCount(eventsPerS), eventsPerS >= TARGET_EVENTS_PER_WALL_SEC],
    ['peak RSS', `≤ ${TARGET_PEAK_RSS_MB} MB`, `${peakRssMb.toFixed(1)} MB`, peakRssMb <= TARGET_PEAK_RSS_MB],
  ];
  console.log('');
  console.log(alignColumns([['target', 'goal', 'measured', 'result'], ...checks.map(([n, goal, got, pass]) => [n, goal, got, pass ? 'PASS' : 'FAIL'])], ['left', 'right', 'right', 'left']).join('\n'));
  // Informational: 4× the work should not need much more memory if nothing grows per write.
  console.log(`\nmemory growth from the quarter run to the first full run (4× the writes): ${rssGrowthMb >= 0 ? '+' : ''}${rssGrowthMb.toFixed(1)} MB`);
  return checks.every(([, , , pass]) => pass);
}

main();
