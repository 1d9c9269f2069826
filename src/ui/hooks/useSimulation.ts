import { useCallback, useEffect, useRef, useState } from 'react';
import type { Report } from '../../metrics/report.ts';
import { buildSeries } from '../state/index.ts';
import type { Series, Timeline } from '../state/index.ts';
import type { Doc } from '../scenarios/edit.ts';
import type { RunSource, ScenarioIssueView, WorkerReply } from '../worker/protocol.ts';
import type { CourseView, LessonView } from '../state/lesson.ts';
import type { Playhead } from './playhead.ts';

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
  const [busy, setBusy] = useState(false);
  const [catalog, setCatalog] = useState<{ fileName: string; title: string }[]>([]);
  const [course, setCourse] = useState<CourseView | null>(null);
  const yamlWaiters = useRef(new Map<number, (text: string) => void>());
  const yamlSeq = useRef(0);

  useEffect(() => {
    const w = new Worker(new URL('../worker/sim.worker.ts', import.meta.url), { type: 'module' });
    workerRef.current = w;
    w.onmessage = (e: MessageEvent<WorkerReply>) => {
      const reply = e.data;
      if (reply.type === 'catalog') return setCatalog(reply.scenarios);
      if (reply.type === 'course') return setCourse(reply.course);
      if (reply.type === 'yaml') {
        yamlWaiters.current.get(reply.requestId)?.(reply.text);
        yamlWaiters.current.delete(reply.requestId);
        return;
      }
      if (reply.runId !== latest.current) return;
      setBusy(false);
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
    w.onerror = (e) => {
      setBusy(false);
      setError({ message: `The simulator stopped: ${e.message}`, issues: [] });
    };
    return () => w.terminate();
  }, [playhead]);

  /** Runs a scenario; `keep` keeps the playhead where it is (edits and what-ifs). */
  const request = useCallback((source: RunSource, keep: boolean) => {
    const runId = ++latest.current;
    keepTime.current = keep;
    setBusy(true);
    const post = () => workerRef.current?.postMessage({ type: 'run', runId, source });
    if (workerRef.current) post();
    else queueMicrotask(post);
  }, []);

  /** The document as YAML text, written by the worker (which has the YAML library). */
  const toYaml = useCallback((document: unknown) => new Promise<string>((resolve) => {
    const requestId = ++yamlSeq.current;
    yamlWaiters.current.set(requestId, resolve);
    workerRef.current?.postMessage({ type: 'yaml', requestId, document });
  }), []);

  return { run, error, busy, request, catalog, course, toYaml, clearError: () => setError(null) };
}

/**
 * React's development build diffs changed props deeply (three levels, a hundred keys each) for
 * its performance tracks; on a trace of 100k records that took a minute and 1.5 GB after each
 * re-run. A toStringTag makes it treat the object as opaque.
 */
function opaqueToReactDiff(obj: object, tag: string): void {
  Object.defineProperty(obj, Symbol.toStringTag, { value: tag, enumerable: false });
}
