import { evaluateExpectations } from '../metrics/expect.ts';
import type { Report } from '../metrics/report.ts';
import { simulate } from '../metrics/simulate.ts';
import type { WorldConfig } from '../model/config.ts';
import type { TraceSink } from '../model/trace.ts';
import type { Scenario } from '../scenario/index.ts';
import type { Micros } from '../sim/time.ts';
import { openTraceFile } from './trace-file.ts';

export interface RunOverrides {
  seed?: number;
  durationUs?: Micros;
  tracePath?: string;
}

/** Runs a parsed scenario and returns its report with the scenario's `expect` lines evaluated. */
export function runScenario(scenario: Scenario, overrides: RunOverrides = {}): Report {
  const config = applyOverrides(scenario.config, overrides);
  const report = simulateMaybeTraced(config, overrides.tracePath);
  return { ...report, expectations: evaluateExpectations(report, scenario.expect) };
}

/** `runScenario` with the trace handed to `trace` record by record instead of a file. */
export function runScenarioTraced(scenario: Scenario, trace: TraceSink, overrides: Omit<RunOverrides, 'tracePath'> = {}): Report {
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

function simulateMaybeTraced(config: WorldConfig, tracePath: string | undefined): Report {
  if (tracePath === undefined) return simulate(config);
  const traceFile = openTraceFile(tracePath);
  try {
    return simulate(config, { trace: traceFile.sink });
  } finally {
    traceFile.close();
  }
}

export function allExpectationsPass(report: Report): boolean {
  return report.expectations.every((result) => result.pass);
}
