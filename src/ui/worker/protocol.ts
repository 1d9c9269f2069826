import type { Report } from '../../metrics/report.ts';
import type { Timeline } from '../state/types.ts';
import type { CourseView, LessonView } from '../state/lesson.ts';
import type { RunTooLarge } from './budget.ts';
import type { RunProgress } from './progress.ts';

export type { RunProgress, RunTooLarge };

/**
 * A scenario to run: file text as the user gave it, or a document the page has edited;
 * `seed` replaces the file's own (a comparison runs its second setup on the first's seed).
 */
export type RunSource = (
  | { kind: 'text'; text: string; fileName: string }
  | { kind: 'builtin'; fileName: string }
  | { kind: 'document'; document: unknown; fileName: string }
) & { seed?: number | string };

export interface RunRequest {
  type: 'run';
  runId: number;
  source: RunSource;
}

/** Asks for a document as YAML text (the YAML library lives in the worker only). */
export interface YamlRequest {
  type: 'yaml';
  requestId: number;
  document: unknown;
}

export type WorkerRequest = RunRequest | YamlRequest;

export interface CatalogReply {
  type: 'catalog';
  scenarios: { fileName: string; title: string }[];
}

/** The built-in course, lesson titles taken from each scenario's `name`. */
export interface CourseReply {
  type: 'course';
  course: CourseView | null;
  /** Why the course could not be read (it is then null). */
  error?: string;
}

export interface YamlReply {
  type: 'yaml';
  requestId: number;
  text: string;
}

export interface ScenarioIssueView {
  file: string;
  path: string;
  line?: number;
  column?: number;
  message: string;
}

export interface RunOk {
  type: 'result';
  runId: number;
  fileName: string;
  /** The scenario as a plain object (what edits, export and share links start from). */
  document: unknown;
  /** The trace in columns, indexed (built in the worker; its typed arrays are transferred). */
  timeline: Timeline;
  report: Report;
  narration: { tUs: number; text: string }[];
  /** The scenario's lesson, resolved against this run (null when it has no lesson fields). */
  lesson: LessonView | null;
  /** Wall-clock time the worker spent parsing, simulating and indexing. */
  simulateMs: number;
}

export interface RunFailed {
  type: 'error';
  runId: number;
  fileName: string;
  /** The same text the CLI prints. */
  message: string;
  issues: ScenarioIssueView[];
}

export type RunReply = RunOk | RunFailed | RunTooLarge;

export type WorkerReply = RunReply | RunProgress | CatalogReply | CourseReply | YamlReply;
