import { LineCounter, parseDocument, type YAMLError } from 'yaml';
import type { WorldConfig } from '../model/config.ts';
import { buildConfig } from './build-config.ts';
import { formatPath, ScenarioError, type RawIssue, type ScenarioIssue } from './issues.ts';
import { locator, type Locator } from './locate.ts';
import { checkReferences } from './references.ts';
import { checkLagThresholds } from './lag-thresholds.ts';
import { checkLessonReferences, toLessonSpec } from './lesson.ts';
import type { LessonSpec } from '../metrics/lesson.ts';
import { scenarioSchema } from './schema/scenario.ts';
import { parseDuration } from './units.ts';
import { fromZodIssues } from './zod-issues.ts';

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

/** Scenario text larger than this is refused. */
export const MAX_SCENARIO_BYTES = 5 * 1024 * 1024;

/** Parses YAML or JSON text (JSON when the name ends in .json); throws ScenarioError. */
export function parseScenario(text: string, fileName: string): Scenario {
  try {
    const size = utf8Length(text);
    if (size > MAX_SCENARIO_BYTES)
      throw new ScenarioError([{ file: fileName, path: '', message: `scenario is ${size} bytes; the limit is ${MAX_SCENARIO_BYTES} bytes (5 MB)` }]);
    const lineCounter = new LineCounter();
    const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
    const at = (offset: number) => {
      const { line, col } = lineCounter.linePos(offset);
      return { line, column: col };
    };
    if (doc.errors.length > 0) throw new ScenarioError(syntaxIssues(doc.errors, fileName, at));
    if (/\.json$/i.test(fileName)) {
      const problem = jsonProblem(text);
      if (problem) throw new ScenarioError([{ file: fileName, path: '', ...at(problem.offset), message: problem.message }]);
    }
    let raw: unknown;
    try {
      raw = doc.toJS({ maxAliasCount: 1000 });
    } catch (e) {
      throw new ScenarioError([{ file: fileName, path: '', message: firstLine((e as Error).message) }]);
    }
    return validate(raw, fileName, locator(doc, lineCounter));
  } catch (e) {
    throw asScenarioError(e, fileName);
  }
}

/** Validates an in-memory document (the browser UI); same rules, no line numbers. */
export function scenarioFromObject(doc: unknown, fileName: string): Scenario {
  try {
    return validate(doc, fileName, undefined);
  } catch (e) {
    throw asScenarioError(e, fileName);
  }
}

function validate(raw: unknown, fileName: string, locate: Locator | undefined): Scenario {
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
function asScenarioError(e: unknown, _fileName: string): ScenarioError {
  if (e instanceof ScenarioError) return e;
  throw e;
}

/**
 * The YAML parser's errors, one per problem, in words a scenario author can act on. Two of
 * its messages speak to programmers: a second document (`---`) and a recursion overflow
 * on absurdly deep nesting; each becomes a plain message of its own, reported alone.
 */
function syntaxIssues(errors: readonly YAMLError[], fileName: string, at: (offset: number) => { line: number; column: number }): ScenarioIssue[] {
  const issue = (e: YAMLError, message: string): ScenarioIssue => ({ file: fileName, path: '', ...at(e.pos[0]), message });
  const deep = errors.find((e) => /call stack/i.test(e.message));
  if (deep) return [issue(deep, 'the document nests too deeply ([ ] or { } inside each other thousands of times); a scenario needs a few levels')];
  const multi = errors.find((e) => e.code === 'MULTIPLE_DOCS');
  if (multi) return [issue(multi, 'a scenario file holds one YAML document; a second one starts here (after `---`): remove it or move it to a file of its own')];
  return errors.map((e) => issue(e, firstLine(e.message)));
}

function firstLine(s: string): string {
  return s.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
}

/** A strict-JSON problem the YAML parser tolerated (comments, single quotes, bare words). */
function jsonProblem(text: string): { offset: number; message: string } | undefined {
  try {
    JSON.parse(text);
    return undefined;
  } catch (e) {
    const message = (e as Error).message;
    const pos = /position (\d+)/.exec(message);
    return { offset: pos ? Number(pos[1]) : 0, message: `invalid JSON: ${message}` };
  }
}

function utf8Length(text: string): number {
  // Cheap bound first: a UTF-16 code unit is at most 3 UTF-8 bytes.
  if (text.length * 3 <= MAX_SCENARIO_BYTES) return text.length;
  return new TextEncoder().encode(text).length;
}
