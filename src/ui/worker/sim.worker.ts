/// <reference lib="webworker" />
import { simulate } from '../../metrics/simulate.ts';
import type { TraceRecord } from '../../model/trace.ts';
import { parseScenario, scenarioFromObject, ScenarioError } from '../../scenario/index.ts';
import type { Scenario } from '../../scenario/index.ts';
import type { PartitionView, RunRequest, WorkerReply } from './protocol.ts';

/**
 * Runs the engine off the main thread: parse → simulate with a trace sink → post the trace.
 * The page never runs the engine itself, so a long run cannot freeze it.
 */
const ctx = self as unknown as DedicatedWorkerGlobalScope;

ctx.onmessage = (e: MessageEvent<RunRequest>) => {
  const req = e.data;
  if (req?.type !== 'run') return;
  ctx.postMessage(run(req));
};

function run(req: RunRequest): WorkerReply {
  const fileName = req.source.fileName;
  const started = performance.now();
  let scenario: Scenario;
  try {
    scenario = req.source.kind === 'text'
      ? parseScenario(req.source.text, fileName)
      : scenarioFromObject(req.source.document, fileName);
  } catch (err) {
    return failure(req.runId, fileName, err);
  }
  try {
    const records: TraceRecord[] = [];
    const report = simulate(scenario.config, { trace: (r) => records.push(r) });
    const partitions: PartitionView[] = scenario.config.faults
      .filter((f) => f.kind === 'partition' && f.sides)
      .map((f) => ({ atUs: f.atUs, untilUs: f.untilUs ?? Number.MAX_SAFE_INTEGER, sides: f.sides! }));
    return {
      type: 'result',
      runId: req.runId,
      fileName,
      document: scenario.document,
      records,
      report,
      partitions,
      narration: scenario.narration.map((n) => ({ tUs: n.atUs, text: n.text })),
      simulateMs: performance.now() - started,
    };
  } catch (err) {
    return failure(req.runId, fileName, err);
  }
}

function failure(runId: number, fileName: string, err: unknown): WorkerReply {
  if (err instanceof ScenarioError) {
    return { type: 'error', runId, fileName, message: err.message, issues: err.issues.map((i) => ({ ...i })) };
  }
  const message = err instanceof Error ? err.message : String(err);
  return { type: 'error', runId, fileName, message: `${fileName}: ${message}`, issues: [] };
}
