// The page's pool of sweep workers: each takes the next job when it answers, results are kept by
// job index, so which worker ran a job, and when, never shows in the numbers.
import type { MetricValue } from '../../metrics/named-metrics.ts';
import type { SweepJobReply, SweepJobRequest } from './protocol.ts';
import type { SweepJob } from './plan.ts';

export interface PoolCallbacks {
  onResult: (index: number, named: [string, MetricValue][]) => void;
  onError: (index: number, message: string) => void;
  onDone: () => void;
}

export interface RunningSweep {
  cancel: () => void;
}

/**
 * One worker per core, at most four (each holds a copy of the engine and a run's state; the
 * page's own thread only draws progress meanwhile).
 */
export function poolSize(jobs: number): number {
  const cores = navigator.hardwareConcurrency || 2;
  return Math.max(1, Math.min(4, cores, jobs));
}

export function runPool(jobs: readonly SweepJob[], fileName: string, workers: number, cb: PoolCallbacks): RunningSweep {
  let next = 0;
  let done = 0;
  let stopped = false;
  const pool: Worker[] = [];
  const stop = () => {
    stopped = true;
    for (const w of pool) w.terminate();
  };
  const feed = (w: Worker) => {
    if (stopped || next >= jobs.length) return;
    const job = jobs[next++];
    const request: SweepJobRequest = { type: 'sweep-job', index: job.index, fileName, document: job.document };
    w.postMessage(request);
  };
  for (let i = 0; i < Math.min(workers, jobs.length); i++) {
    const w = new Worker(new URL('./sweep.worker.ts', import.meta.url), { type: 'module' });
    pool.push(w);
    w.onmessage = (e: MessageEvent<SweepJobReply>) => {
      if (stopped) return;
      const r = e.data;
      if (r.type === 'sweep-error') {
        stop();
        cb.onError(r.index, r.message);
        return;
      }
      cb.onResult(r.index, r.named);
      done++;
      if (done === jobs.length) {
        stop();
        cb.onDone();
      } else feed(w);
    };
    w.onerror = (e) => {
      if (stopped) return;
      stop();
      cb.onError(-1, e.message || 'a sweep worker could not start or crashed');
    };
    feed(w);
  }
  return { cancel: stop };
}
