import type { WorldConfig } from '../model/config.ts';
import { buildConfig } from './build-config.ts';
import { formatPath, ScenarioError, type RawIssue, type ScenarioIssue } from './issues.ts';
import type { Locator } from './locate.ts';
import { checkReferences } from './references.ts';
import { checkLagThresholds } from './lag-thresholds.ts';
import { checkLessonReferences, toLessonSpec } from './lesson.ts';
import type { LessonSpec } from '../metrics/lesson.ts';
import { scenarioSchema } from './schema/scenario.ts';
import { parseDuration } from './units.ts';
import { fromZodIssues } from './zod-issues.ts';

/*
 * Validating a scenario document, apart from reading YAML text (parse.ts): the page's worker
 * validates built-in scenarios (parsed to plain objects at build time) and what-if edits
 * without loading the YAML parser at all.
 */

export interface Scenario {
  /** Fully resolved, all times in µs. */
  config: WorldConfig;
  /** The `expect` lines as written. */
  expect: string[];
  /** Captions anchored at a time (those anchored to an event are in `lesson`). */
  narration: { atUs: number; text: string }[];
  /** Description, playback, captions, questions and markers; resolve with metrics/lesson.ts. */
  lesson: LessonSpec;
  /** The parsed raw document (for export back to YAML). */
  document: unknown;
  /** Where a field path is in the file (absent for in-memory documents). */
  locate?: Locator;
}

/** Validates an in-memory document (the browser UI); same rules, no line numbers. */
export function scenarioFromObject(doc: unknown, fileName: string): Scenario {
  try {
    return validate(doc, fileName, undefined);
  } catch (e) {
    throw asScenarioError(e, fileName);
  }
}

export function validate(raw: unknown, fileName: string, locate: Locator | undefined): Scenario {
  const fail = (issues: RawIssue[]): never => {
    const located = issues.map((i): ScenarioIssue => ({ file: fileName, path: formatPath(i.path), ...locate?.(i.path, i.atKey), message: i.message }));
    // In file order; issues without a position keep their relative order at the end.
    const key = (i: ScenarioIssue) => (i.line === undefined ? Infinity : i.line * 1e6 + (i.column ?? 0));
    throw new ScenarioError(located.map((i, n) => ({ i, n })).sort((a, b) => key(a.i) - key(b.i) || a.n - b.n).map((x) => x.i));
  };
  if (raw === null || raw === undefined) fail([{ path: [], message: 'the scenario is empty; it needs at least `nodes`' }]);
  if (typeof raw !== 'object' || Array.isArray(raw))
    fail([{ path: [], message: 'a scenario is a mapping of fields (name, nodes, workload, …), not a single value or a list' }]);
  const parsed = scenarioSchema.safeParse(raw, { reportInput: true });
  if (!parsed.success) fail(fromZodIssues(parsed.error.issues));
  const doc = parsed.data!;
  const refIssues = [...checkReferences(doc), ...checkLagThresholds(doc), ...checkLessonReferences(doc)];
  if (refIssues.length > 0) fail(refIssues);
  return {
    config: buildConfig(doc, fileName),
    expect: [...doc.expect],
    narration: doc.narration.flatMap((n) => (n.at !== undefined ? [{ atUs: parseDuration(n.at), text: n.text }] : [])),
    lesson: toLessonSpec(doc),
    document: raw,
    ...(locate ? { locate } : {}),
  };
}

/**
 * Only what the validator found is bad input. Anything else thrown while reading or
 * resolving a file that validated is a bug of ours, so it is rethrown as it is: the CLI
 * reports it as an internal error (exit 3, the file named), never as the user's mistake.
 */
export function asScenarioError(e: unknown, _fileName: string): ScenarioError {
  if (e instanceof ScenarioError) return e;
  throw e;
}

