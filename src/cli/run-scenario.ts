import { evaluateExpectations } from '../metrics/expect.ts';
import type { Report } from '../metrics/report.ts';
import { simulate, type SimulateOptions } from '../metrics/simulate.ts';
import { refuseIfTooLarge } from './budget.ts';
import { progressReporter } from './progress.ts';
import type { WorldConfig } from '../model/config.ts';
import type { TraceSink } from '../model/trace.ts';
import type { Scenario } from '../scenario/index.ts';
import type { Micros } from '../sim/time.ts';
import { openTraceFile } from './trace-file.ts';

export interface RunOverrides {
  seed?: number;
  durationUs?: Micros;
  tracePath?: string;
  /** Run even if the work estimate is over budget. */
  allowLarge?: boolean;
  /** No progress line on stderr. */
  quiet?: boolean;
  /** Also receives every trace record (e.g. a lesson's anchor resolver); nothing is buffered. */
  sink?: TraceSink;
}

/** Runs a parsed scenario and returns its report with the scenario's `expect` lines evaluated. */
export function runScenario(scenario: Scenario, file: string, overrides: RunOverrides = {}): Report {
  const config = applyOverrides(scenario.config, overrides);
  refuseIfTooLarge(config, file, overrides.allowLarge === true, scenario.locate);
  const progress = progressReporter(config.durationUs, overrides.quiet === true);
  try {
    const report = simulateMaybeTraced(config, overrides.tracePath, progress.onProgress, overrides.sink);
    return { ...report, expectations: evaluateExpectations(report, scenario.expect) };
  } finally {
    progress.done();
  }
}

/** `runScenario` with the trace handed to `trace` record by record instead of a file (no budget, no progress line: for tests and tools). */
export function runScenarioTraced(scenario: Scenario, trace: TraceSink, overrides: Pick<RunOverrides, 'seed' | 'durationUs'> = {}): Report {
  const report = simulate(applyOverrides(scenario.config, overrides), { trace });
  return { ...report, expectations: evaluateExpectations(report, scenario.expect) };
}

export function applyOverrides(config: WorldConfig, overrides: RunOverrides): WorldConfig {
  return {
    ...config,
    seed: overrides.seed ?? config.seed,
    durationUs: overrides.durationUs ?? config.durationUs,
  };
}

function simulateMaybeTraced(config: WorldConfig, tracePath: string | undefined, onProgress: SimulateOptions['onProgress'], sink?: TraceSink): Report {
  if (tracePath === undefined) return simulate(config, sink ? { trace: sink, onProgress } : { onProgress });
  const traceFile = openTraceFile(tracePath);
  const both: TraceSink = sink
    ? (r) => {
        traceFile.sink(r);
        sink(r);
      }
    : traceFile.sink;
  try {
    return simulate(config, { trace: both, onProgress });
  } finally {
    traceFile.close();
  }
}

export function allExpectationsPass(report: Report): boolean {
  return report.expectations.every((result) => result.pass);
}
