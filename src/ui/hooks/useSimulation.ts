import { useCallback, useEffect, useRef, useState } from 'react';
import type { Report } from '../../metrics/report.ts';
import { buildSeries } from '../state/index.ts';
import type { Series, Timeline } from '../state/index.ts';
import type { Doc } from '../scenarios/edit.ts';
import type { RunSource, ScenarioIssueView, WorkerReply } from '../worker/protocol.ts';
import type { CourseView, LessonView } from '../state/lesson.ts';
import type { Playhead } from './playhead.ts';
import { adviceFor } from '../worker/advice.ts';
import { IDLE } from './runStatus.ts';
import type { RunStatus } from './runStatus.ts';

export interface LoadedRun {
  runId: number;
  fileName: string;
  document: Doc;
  timeline: Timeline;
  series: Series;
  report: Report;
  simulateMs: number;
  indexMs: number;
  lesson: LessonView | null;
}

export interface RunError {
  message: string;
  issues: ScenarioIssueView[];
}

/**
 * Talks to the engine worker. Only the newest request's answer is used, so a slow run that
 * finishes after a newer one cannot overwrite it.
 */
export function useSimulation(playhead: Playhead) {
  const workerRef = useRef<Worker | null>(null);
  const latest = useRef(0);
  const keepTime = useRef(false);
  const [run, setRun] = useState<LoadedRun | null>(null);
  const [error, setError] = useState<RunError | null>(null);
  const [status, setStatus] = useState<RunStatus>(IDLE);
  const spawn = useRef<() => void>(() => {});
  const [catalog, setCatalog] = useState<{ fileName: string; title: string }[]>([]);
  const [course, setCourse] = useState<CourseView | null>(null);
  const yamlWaiters = useRef(new Map<number, { resolve: (text: string) => void; document: unknown }>());
  const yamlSeq = useRef(0);

  useEffect(() => {
    // A worker that failed or was cancelled is replaced by a fresh one; the page stays usable.
    const start = () => {
      workerRef.current?.terminate();
      const w = new Worker(new URL('../worker/sim.worker.ts', import.meta.url), { type: 'module' });
      workerRef.current = w;
      let answered = false;
      w.onmessage = (e: MessageEvent<WorkerReply>) => {
        answered = true;
        const reply = e.data;
        if (reply.type === 'catalog') return setCatalog(reply.scenarios);
        if (reply.type === 'course') return setCourse(reply.course);
        if (reply.type === 'yaml') {
          yamlWaiters.current.get(reply.requestId)?.resolve(reply.text);
          yamlWaiters.current.delete(reply.requestId);
          return;
        }
        if (reply.runId !== latest.current) return;
        if (reply.type === 'progress') return setStatus((s) => (s.kind === 'running' ? { ...s, progress: reply } : s));
        if (reply.type === 'too-large') return setStatus({ kind: 'too-large', reply });
        setStatus(IDLE);
        if (reply.type === 'error') {
          setError({ message: reply.message, issues: reply.issues });
          return;
        }
        const started = performance.now();
        // For `npm run bench`: where the page's own work on a run starts (the message is decoded by now).
        performance.mark('repsim:run-received');
        // The worker built and indexed the timeline; its arrays arrived by transfer.
        const timeline = reply.timeline;
        // A lesson's captions include those anchored to events, resolved by the worker.
        if (timeline.narration.length === 0) timeline.narration = reply.lesson?.captions ?? reply.narration;
        const series = buildSeries(timeline);
        opaqueToReactDiff(timeline, 'Timeline');
        opaqueToReactDiff(series, 'Series');
        const indexMs = performance.now() - started;
        setError(null);
        playhead.setTimeline(timeline, keepTime.current);
        setRun({
          runId: reply.runId, fileName: reply.fileName, document: reply.document as Doc, timeline, series,
          report: reply.report, simulateMs: reply.simulateMs, indexMs, lesson: reply.lesson,
        });
      };
      const failed = (what: string) => {
        setStatus(IDLE);
        // A worker that never answered would fail again at once: then reloading is the remedy.
        if (!answered) return setError({ message: `The simulator could not start: ${what}. Reload the page; if that does not help, the browser may not support module workers.`, issues: [] });
        setError({ message: `The simulator stopped: ${what}\n\n${adviceFor(what)}`, issues: [] });
        start();
      };
      w.onerror = (e) => failed(e.message || 'the engine worker could not start or crashed');
      w.onmessageerror = () => failed('its answer could not be read by the page (Data cannot be cloned, out of memory?)');
      // Exports asked of the replaced worker are asked again, so none waits forever.
      for (const [requestId, waiter] of yamlWaiters.current) w.postMessage({ type: 'yaml', requestId, document: waiter.document });
    };
    spawn.current = start;
    start();
    return () => workerRef.current?.terminate();
  }, [playhead]);

  /** Runs a scenario; `keep` keeps the playhead where it is (edits and what-ifs). */
  const request = useCallback((source: RunSource, keep: boolean) => {
    const runId = ++latest.current;
    keepTime.current = keep;
    setStatus({ kind: 'running', fileName: source.fileName, progress: null });
    const post = () => {
      try {
        workerRef.current?.postMessage({ type: 'run', runId, source });
      } catch (err) {
        const what = err instanceof Error ? err.message : String(err);
        setStatus(IDLE);
        setError({ message: `The scenario could not be handed to the simulator: ${what}\n\n${adviceFor(what)}`, issues: [] });
      }
    };
    if (workerRef.current) post();
    else queueMicrotask(post);
    return runId;
  }, []);

  /** The document as YAML text, written by the worker (which has the YAML library). */
  const toYaml = useCallback((document: unknown) => new Promise<string>((resolve) => {
    const requestId = ++yamlSeq.current;
    yamlWaiters.current.set(requestId, { resolve, document });
    workerRef.current?.postMessage({ type: 'yaml', requestId, document });
  }), []);

  /** Stops the running simulation: the worker cannot be interrupted, so it is replaced. */
  const cancel = useCallback(() => {
    setStatus((s) => (s.kind === 'running' ? { kind: 'cancelled', fileName: s.fileName } : s));
    latest.current++;
    spawn.current();
  }, []);

  const busy = status.kind === 'running';
  return { run, error, busy, status, cancel, request, catalog, course, toYaml, clearError: () => setError(null) };
}

/**
 * React's development build diffs changed props deeply (three levels, a hundred keys each) for
 * its performance tracks; on a trace of 100k records that took a minute and 1.5 GB after each
 * re-run. A toStringTag makes it treat the object as opaque.
 */
function opaqueToReactDiff(obj: object, tag: string): void {
  Object.defineProperty(obj, Symbol.toStringTag, { value: tag, enumerable: false });
}
