// Runs jobs on a pool of worker threads, one job at a time per worker, and returns the outputs
// in job order: which worker ran a job, and when it finished, never shows in the result.
import { Worker } from 'node:worker_threads';
import { BadInputError } from '../exit-codes.ts';
import { runJob, type Job, type JobOutput } from './job.ts';

export interface PoolOptions {
  /** Worker threads; 1 runs the jobs in this thread (no thread start-up). */
  workers: number;
  metrics: readonly string[] | 'all';
  /** Called after each finished job with the number finished so far. */
  onProgress?: (done: number) => void;
}

export interface WorkerRequest {
  /** Where the job sits in this call's list (a shard's jobs are not numbered from 0). */
  position: number;
  job: Job;
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

function runOnWorkers(jobs: readonly Job[], options: PoolOptions): Promise<JobOutput[]> {
  const outputs: JobOutput[] = new Array(jobs.length);
  const workers: Worker[] = [];
  let next = 0;
  let done = 0;
  return new Promise<JobOutput[]>((resolve, reject) => {
    let failed = false;
    const stop = (error: Error | undefined) => {
      if (failed) return;
      if (error) failed = true;
      for (const w of workers) void w.terminate();
      if (error) reject(error);
      else resolve(outputs);
    };
    const feed = (worker: Worker) => {
      if (next >= jobs.length) return;
      const request: WorkerRequest = { position: next, job: jobs[next], metrics: options.metrics };
      next++;
      worker.postMessage(request);
    };
    const count = Math.min(options.workers, jobs.length);
    for (let i = 0; i < count; i++) {
      const worker = new Worker(WORKER_ENTRY);
      workers.push(worker);
      worker.on('message', (reply: WorkerReply) => {
        if ('error' in reply) {
          stop(reply.badInput ? new BadInputError(reply.error) : new Error(reply.error));
          return;
        }
        outputs[reply.position] = reply.output;
        done++;
        options.onProgress?.(done);
        if (done === jobs.length) stop(undefined);
        else feed(worker);
      });
      worker.on('error', (error) => stop(error));
      worker.on('exit', (code) => {
        if (done < jobs.length && code !== 0) stop(new Error(`a worker thread exited with code ${code}`));
      });
      feed(worker);
    }
  });
}
