// One run of a sweep or comparison: a self-contained scenario document → the chosen metrics.
// The same code runs in the main thread, for pool workers (which get the resolved config)
// and in `--run` shards.
import type { WorldConfig } from '../../model/config.ts';
import { scenarioFromObject, ScenarioError } from '../../scenario/index.ts';
import { BadInputError } from '../exit-codes.ts';
import { runConfig, type JobOutput } from './run-config.ts';

export type { JobOutput };

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

/** The job's document validated and resolved, as `repsim run` would for a file. */
export function jobConfig(job: Job): WorldConfig {
  try {
    return scenarioFromObject(job.document, job.file).config;
  } catch (error) {
    if (error instanceof ScenarioError) throw new BadInputError(`repsim: job ${job.index}: ${error.message}`);
    throw error;
  }
}

export function runJob(job: Job, metrics: readonly string[] | 'all'): JobOutput {
  return runConfig(jobConfig(job), metrics);
}
