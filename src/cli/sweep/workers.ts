import { availableParallelism } from 'node:os';

/** `--jobs N`, or one worker per core. */
export function workerCount(jobs: number | undefined): number {
  return jobs ?? availableParallelism();
}
