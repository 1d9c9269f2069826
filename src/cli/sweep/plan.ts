// A sweep as a list of independent jobs: every combination of the varied values × every seed.
import { scenarioFromObject, ScenarioError, type Scenario } from '../../scenario/index.ts';
import { refuseIfTooLarge } from '../budget.ts';
import { BadInputError } from '../exit-codes.ts';
import { withValueAt } from './document-path.ts';
import type { Job } from './job.ts';
import { assertKnownMetrics } from './known-metrics.ts';
import { cartesian } from '../../scenario/vary/points.ts';
import type { Vary, VaryValue } from './spec.ts';

export { pointValues } from '../../scenario/vary/points.ts';

/** Everything needed to run, merge and present a sweep; the first line of plan and result files. */
export interface PlanHeader {
  type: 'sweep-plan';
  version: 1;
  /** The scenario file as given on the command line. */
  file: string;
  scenario: string;
  vary: Vary[];
  seeds: (number | string)[];
  /** `--duration` in ms, or null for the file's own duration. */
  durationMs: number | null;
  metrics: string[];
  points: number;
  jobs: number;
}

export interface Plan {
  header: PlanHeader;
  jobs: Job[];
}

export interface PlanInput {
  file: string;
  scenario: Scenario;
  vary: Vary[];
  seeds: (number | string)[];
  durationMs: number | null;
  metrics: string[];
  allowLarge: boolean;
}

/** Builds and validates every point; throws BadInputError naming the varied values at fault. */
export function buildPlan(input: PlanInput): Plan {
  const { vary, seeds } = input;
  const repeated = vary.map((v) => v.path).find((path, i, all) => all.indexOf(path) !== i);
  if (repeated) throw new BadInputError(`repsim sweep: --vary ${repeated} is given twice; give all its values in one --vary`);
  const points = cartesian(vary.map((v) => v.values));
  const jobs: Job[] = [];
  points.forEach((values, point) => {
    const document = pointDocument(input, values);
    checkPoint(input, values, document);
    for (const seed of seeds) {
      jobs.push({ index: jobs.length, point, seed, file: input.file, document: { ...(document as object), seed } });
    }
  });
  const header: PlanHeader = {
    type: 'sweep-plan',
    version: 1,
    file: input.file,
    scenario: input.scenario.config.name,
    vary,
    seeds,
    durationMs: input.durationMs,
    metrics: input.metrics,
    points: points.length,
    jobs: jobs.length,
  };
  return { header, jobs };
}

function pointDocument(input: PlanInput, values: VaryValue[]): unknown {
  let document = input.scenario.document;
  input.vary.forEach((v, i) => (document = withValueAt(document, v.path, values[i])));
  if (input.durationMs !== null) document = { ...(document as object), duration: input.durationMs };
  return document;
}

function describePoint(vary: Vary[], values: VaryValue[]): string {
  return vary.map((v, i) => `${v.path}=${values[i]}`).join(', ');
}

/**
 * Validates the point's document like a file, then runs it for 1 µs to learn which metrics
 * its report has (replica and group names depend on the scenario), so a misspelt metric is
 * refused before hours of runs rather than after.
 */
function checkPoint(input: PlanInput, values: VaryValue[], document: unknown): void {
  const where = describePoint(input.vary, values);
  let scenario: Scenario;
  try {
    scenario = scenarioFromObject({ ...(document as object), seed: input.seeds[0] }, `${input.file} with ${where}`);
  } catch (error) {
    if (error instanceof ScenarioError) throw new BadInputError(`repsim sweep: the varied scenario is invalid:\n${error.message}`);
    throw error;
  }
  refuseIfTooLarge(scenario.config, `${input.file} with ${where}`, input.allowLarge);
  assertKnownMetrics(input.metrics, scenario, ` (at ${where})`);
}
