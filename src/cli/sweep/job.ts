// One run of a sweep or comparison: a self-contained scenario document → the chosen metrics.
// The same function runs in the main thread, in pool workers and in `--run` shards.
import { simulate } from '../../metrics/simulate.ts';
import { scenarioFromObject, ScenarioError } from '../../scenario/index.ts';
import { BadInputError } from '../exit-codes.ts';
import { numericMetrics, pickMetrics, type MetricValue } from './metrics.ts';

export interface Job {
  index: number;
  /** Which point (combination of varied values) or, in a comparison, which side. */
  point: number;
  seed: number | string;
  /** The scenario file it came from: the report's default name, and where errors point. */
  file: string;
  /** The scenario document with the point's values, the seed and any duration written in. */
  document: unknown;
}

/** What a run gives back: the asked metrics' values, or (`all`) every numeric metric by name. */
export type JobOutput = { values: MetricValue[] } | { named: [string, MetricValue][] };

export function runJob(job: Job, metrics: readonly string[] | 'all'): JobOutput {
  let config;
  try {
    config = scenarioFromObject(job.document, job.file).config;
  } catch (error) {
    if (error instanceof ScenarioError) throw new BadInputError(`repsim: job ${job.index}: ${error.message}`);
    throw error;
  }
  const report = simulate(config);
  return metrics === 'all' ? { named: numericMetrics(report) } : { values: pickMetrics(report, metrics) };
}
