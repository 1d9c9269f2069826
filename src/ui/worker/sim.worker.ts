/// <reference lib="webworker" />
import { simulate } from '../../metrics/simulate.ts';
import { ColumnEncoder } from '../trace/columns.ts';
import { buildTimeline, timelineBuffers } from '../state/timeline.ts';
import { scenarioFromObject, type Scenario } from '../../scenario/validate.ts';
import { ScenarioError } from '../../scenario/issues.ts';
import { builtinFileNames, loadBuiltin } from '../scenarios/builtins.ts';
import { LessonResolver, lessonNeedsTrace } from '../../metrics/lesson.ts';
import type { TraceRecord } from '../../model/trace.ts';
import { lessonView, loadCourse } from './course.ts';
import type { RunReply, RunRequest, WorkerReply, WorkerRequest } from './protocol.ts';
import { checkPageBudget } from './budget.ts';
import { progressPoster } from './progress.ts';
import { adviceFor } from './advice.ts';

/**
 * Runs the engine off the main thread: parse → simulate with a trace sink → post the trace.
 * The page never runs the engine itself, so a long run cannot freeze it.
 */
const ctx = self as unknown as DedicatedWorkerGlobalScope;

const reply = (r: WorkerReply) => ctx.postMessage(r);

ctx.onmessage = (e: MessageEvent<WorkerRequest>) => {
  const req = e.data;
  if (req?.type === 'run') void run(req).catch((err: unknown) => failure(req.runId, req.source.fileName, err)).then(postRun);
  else if (req?.type === 'yaml') void yaml().then((y) => reply({ type: 'yaml', requestId: req.requestId, text: y.stringify(req.document) }));
};

/** Posts a run's answer; if the browser cannot copy it (out of memory), says so instead of leaving the page waiting. */
function postRun(r: RunReply): void {
  try {
    ctx.postMessage(r, r.type === 'result' ? timelineBuffers(r.timeline) : []);
  } catch (err) {
    ctx.postMessage(failure(r.runId, r.fileName, err));
  }
}

// The built-in scenarios travel with the engine; the page learns their names from here.
reply({ type: 'catalog', scenarios: builtinFileNames.map((fileName) => ({ fileName, title: fileName.replace(/\.ya?ml$/, '') })) });
void loadCourse().then(reply);

// The YAML parser is a chunk of its own, loaded only when text has to be read or written:
// built-in scenarios arrive already parsed (builtins.ts), so a first visit never needs it.
const yaml = () => import('yaml');
const scenarioText = () => import('../../scenario/parse.ts');

/** Whether a document holds {$yaml: text} values (knobs the user typed as YAML). */
function hasYaml(v: unknown): boolean {
  if (v === null || typeof v !== 'object') return false;
  if (Array.isArray(v)) return v.some(hasYaml);
  const o = v as Record<string, unknown>;
  return (typeof o.$yaml === 'string' && Object.keys(o).length === 1) || Object.values(o).some(hasYaml);
}

/** Replaces {$yaml: text} values with their parsed value. */
function expandYaml(v: unknown, parse: (text: string) => unknown): unknown {
  if (Array.isArray(v)) return v.map((x) => expandYaml(x, parse));
  if (v === null || typeof v !== 'object') return v;
  const o = v as Record<string, unknown>;
  if (typeof o.$yaml === 'string' && Object.keys(o).length === 1) {
    try {
      return parse(o.$yaml);
    } catch {
      return o.$yaml;
    }
  }
  return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, expandYaml(x, parse)]));
}

async function load(req: RunRequest): Promise<Scenario> {
  const scenario = await loadAsGiven(req);
  const seed = req.source.seed;
  return seed === undefined || seed === scenario.config.seed ? scenario : scenarioFromObject({ ...(scenario.document as object), seed }, req.source.fileName);
}

async function loadAsGiven(req: RunRequest): Promise<Scenario> {
  const src = req.source;
  if (src.kind === 'text') return (await scenarioText()).parseScenario(src.text, src.fileName);
  if (src.kind === 'document') {
    const doc = hasYaml(src.document) ? expandYaml(src.document, (await yaml()).parse) : src.document;
    return scenarioFromObject(doc, src.fileName);
  }
  const doc = await loadBuiltin(src.fileName);
  if (doc === undefined) throw new Error(`there is no built-in scenario called ${src.fileName}`);
  return scenarioFromObject(doc, src.fileName);
}

async function run(req: RunRequest): Promise<RunReply> {
  const fileName = req.source.fileName;
  const started = performance.now();
  let scenario: Scenario;
  try {
    scenario = await load(req);
  } catch (err) {
    return failure(req.runId, fileName, err);
  }
  // Over the page's budget, a run would freeze or crash the tab: the page offers a shorter one.
  const tooLarge = checkPageBudget(scenario.config);
  if (tooLarge) return { type: 'too-large', runId: req.runId, fileName, document: scenario.document, ...tooLarge };
  try {
    // The trace goes straight into columns, and is indexed here, off the page's thread: the
    // page gets typed arrays (transferred, not copied) and a few thousand small objects.
    const encoder = new ColumnEncoder();
    // The lesson's events and answers are folded from the same records as they stream.
    const resolver = new LessonResolver(scenario.lesson);
    const trace = lessonNeedsTrace(scenario.lesson) ? (r: TraceRecord) => { encoder.push(r); resolver.accept(r); } : encoder.push;
    const onProgress = progressPoster(reply, req.runId, scenario.config.durationUs, () => performance.now());
    const report = simulate(scenario.config, { trace, onProgress });
    const timeline = buildTimeline(encoder.finish().columns, { report });
    return {
      type: 'result',
      runId: req.runId,
      fileName,
      document: scenario.document,
      timeline,
      report,
      narration: scenario.narration.map((n) => ({ tUs: n.atUs, text: n.text })),
      lesson: lessonView(scenario.lesson, resolver.finish(report)),
      simulateMs: performance.now() - started,
    };
  } catch (err) {
    return failure(req.runId, fileName, err);
  }
}

function failure(runId: number, fileName: string, err: unknown): RunReply {
  if (err instanceof ScenarioError) {
    return { type: 'error', runId, fileName, message: err.message, issues: err.issues.map((i) => ({ ...i })) };
  }
  const message = err instanceof Error ? err.message : String(err);
  return { type: 'error', runId, fileName, message: `${fileName}: ${message}\n\n${adviceFor(message)}`, issues: [] };
}
