// Runs jobs on a pool of worker threads, one job at a time per worker, and returns the outputs
// in job order: which worker ran a job, and when it finished, never shows in the result.
import { Worker } from 'node:worker_threads';
import { BadInputError } from '../exit-codes.ts';
import type { WorldConfig } from '../../model/config.ts';
import { jobConfig, runJob, type Job, type JobOutput } from './job.ts';

export interface PoolOptions {
  /** Threads running jobs, this one included; 1 runs them all here (no thread start-up). */
  workers: number;
  metrics: readonly string[] | 'all';
  /** Called after each finished job with the number finished so far. */
  onProgress?: (done: number) => void;
}

export interface WorkerRequest {
  /** Where the job sits in this call's list (a shard's jobs are not numbered from 0). */
  position: number;
  /** Resolved here, so workers need not load the scenario parser. */
  config: WorldConfig;
  metrics: readonly string[] | 'all';
}

export type WorkerReply = { position: number; output: JobOutput } | { position: number; error: string; badInput: boolean };

const WORKER_ENTRY = new URL('./worker-entry.mjs', import.meta.url);

export async function runJobs(jobs: readonly Job[], options: PoolOptions): Promise<JobOutput[]> {
  if (options.workers <= 1 || jobs.length <= 1) return runHere(jobs, options);
  return runOnWorkers(jobs, options);
}

async function runHere(jobs: readonly Job[], options: PoolOptions): Promise<JobOutput[]> {
  const outputs: JobOutput[] = [];
  for (const job of jobs) {
    outputs.push(runJob(job, options.metrics));
    options.onProgress?.(outputs.length);
    // Lets the progress bar draw and Ctrl-C land between runs.
    await new Promise((resolve) => setImmediate(resolve));
  }
  return outputs;
}

/**
 * This thread runs jobs too, beside `workers − 1` worker threads: it would otherwise sit idle,
 * and it starts at once while the workers still load the sources. Each worker holds two jobs
 * so it never waits for this thread, which is busy in a run, to hand it the next.
 */
function runOnWorkers(jobs: readonly Job[], options: PoolOptions): Promise<JobOutput[]> {
  const outputs: JobOutput[] = new Array(jobs.length);
  const workers: Worker[] = [];
  let next = 0;
  let done = 0;
  let settled = false;
  return new Promise<JobOutput[]>((resolve, reject) => {
    const stop = (error: Error | undefined) => {
      if (settled) return;
      settled = true;
      for (const w of workers) void w.terminate();
      if (error) reject(error);
      else resolve(outputs);
    };
    const finished = (position: number, output: JobOutput) => {
      outputs[position] = output;
      done++;
      options.onProgress?.(done);
      if (done === jobs.length) stop(undefined);
    };
    const feed = (worker: Worker) => {
      if (next >= jobs.length || settled) return;
      const position = next++;
      let config: WorldConfig;
      try {
        config = jobConfig(jobs[position]);
      } catch (error) {
        stop(error instanceof Error ? error : new Error(String(error)));
        return;
      }
      const request: WorkerRequest = { position, config, metrics: options.metrics };
      worker.postMessage(request);
    };
    const threads = Math.min(options.workers - 1, jobs.length - 1);
    for (let i = 0; i < threads; i++) {
      const worker = new Worker(WORKER_ENTRY);
      workers.push(worker);
      worker.on('message', (reply: WorkerReply) => {
        if ('error' in reply) {
          stop(reply.badInput ? new BadInputError(reply.error) : new Error(reply.error));
          return;
        }
        finished(reply.position, reply.output);
        feed(worker);
      });
      worker.on('error', (error) => stop(error));
      worker.on('exit', (code) => {
        if (!settled) stop(new Error(`a worker thread exited with code ${code}`));
      });
      for (let k = 0; k < IN_FLIGHT_PER_WORKER; k++) feed(worker);
    }
    void (async () => {
      try {
        while (next < jobs.length && !settled) {
          const position = next++;
          finished(position, runJob(jobs[position], options.metrics));
          // Lets worker replies, the progress bar and Ctrl-C in between runs.
          await new Promise((resolve) => setImmediate(resolve));
        }
      } catch (error) {
        stop(error instanceof Error ? error : new Error(String(error)));
      }
    })();
  });
}

const IN_FLIGHT_PER_WORKER = 2;
