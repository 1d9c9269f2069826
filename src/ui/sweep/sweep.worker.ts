/// <reference lib="webworker" />
// A sweep's runs, off the page's thread: each job is resolved and simulated exactly as
// `repsim sweep` does (scenarioFromObject, then simulate with no trace), and answers with every
// numeric metric of its report by path. A worker of its own, so the page's first view does not
// load it; several of them make the page's pool.
import { numericMetrics } from '../../metrics/named-metrics.ts';
import { simulate } from '../../metrics/simulate.ts';
import { ScenarioError } from '../../scenario/issues.ts';
import { scenarioFromObject } from '../../scenario/validate.ts';
import { estimateWork, overBudget } from '../../scenario/work-estimate.ts';
import type { SweepJobReply, SweepJobRequest } from './protocol.ts';

const ctx = self as unknown as DedicatedWorkerGlobalScope;

ctx.onmessage = (e: MessageEvent<SweepJobRequest>) => {
  const job = e.data;
  if (job?.type !== 'sweep-job') return;
  let reply: SweepJobReply;
  try {
    const { config } = scenarioFromObject(job.document, job.fileName);
    // The CLI's work budget (no trace is kept, so the page's smaller one does not apply).
    const why = overBudget(estimateWork(config));
    if (why !== null) throw new Error(`${why}. Shorten the duration or lower the rates; the command line can run it with --allow-large.`);
    reply = { type: 'sweep-done', index: job.index, named: numericMetrics(simulate(config)) };
  } catch (err) {
    const message = err instanceof ScenarioError || err instanceof Error ? err.message : String(err);
    reply = { type: 'sweep-error', index: job.index, message };
  }
  ctx.postMessage(reply);
};
