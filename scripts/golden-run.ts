// Golden runs (issue 10, item 8): every scenario in scenarios/ run with its own seed and
// duration, as `repsim check` runs it, reduced to one reviewable file under test/golden/:
// the digest of its NDJSON trace and its JSON report with numbers rounded as the table
// format rounds them. The unit test compares; `npm run golden` (scripts/golden.ts) rewrites.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { readScenarioFile } from '../src/cli/read-scenario-file.ts';
import { runScenarioTraced } from '../src/cli/run-scenario.ts';
import { traceLine } from '../src/cli/trace-file.ts';
import type { ExpectationResult, Report } from '../src/metrics/report.ts';
import { looksLikeCourse } from '../src/scenario/course.ts';

const SCENARIO_EXTENSIONS = new Set(['.yaml', '.yml', '.json']);

export interface GoldenRun {
  /** The scenario file, relative to the repository root. */
  scenario: string;
  /** test/golden/<name>.json, relative to the repository root. */
  goldenPath: string;
  traceSha256: string;
  traceRecords: number;
  /** The whole golden file's text. */
  text: string;
  /** The report part of `text` alone, for a readable diff. */
  reportText: string;
  failedExpectations: ExpectationResult[];
}

/** scenarios/* (relative paths, sorted), the built-ins; not the course file that orders them. */
export function scenarioFiles(root: string): string[] {
  return readdirSync(join(root, 'scenarios'))
    .filter((f) => SCENARIO_EXTENSIONS.has(extname(f)) && !looksLikeCourse(readFileSync(join(root, 'scenarios', f), 'utf8')))
    .sort()
    .map((f) => `scenarios/${f}`);
}

export function goldenPathOf(scenario: string): string {
  return `test/golden/${basename(scenario, extname(scenario))}.json`;
}

/** Runs one scenario once: its golden text, and its `expect` lines' verdicts. */
export function goldenRun(root: string, scenario: string): GoldenRun {
  const hash = createHash('sha256');
  let records = 0;
  // Hashes the exact lines `repsim run --trace` writes, without holding the trace in memory.
  const report = runScenarioTraced(readScenarioFile(join(root, scenario)), (record) => {
    hash.update(traceLine(record));
    records++;
  });
  const traceSha256 = hash.digest('hex');
  const reportText = formatGoldenJson(roundReport(report), 1);
  const text = [
    '{',
    `  "scenario": ${JSON.stringify(scenario)},`,
    '  "regenerate": "npm run golden",',
    `  "trace": { "sha256": "${traceSha256}", "records": ${records} },`,
    `  "report": ${reportText}`,
    '}',
    '',
  ].join('\n');
  return {
    scenario,
    goldenPath: goldenPathOf(scenario),
    traceSha256,
    traceRecords: records,
    text,
    reportText,
    failedExpectations: report.expectations.filter((e) => !e.pass),
  };
}

/** The parts of a golden file that `goldenRun` writes, read back (null if it is not one). */
export function parseGolden(text: string): { traceSha256: string; traceRecords: number; reportText: string } | null {
  const trace = /^ {2}"trace": \{ "sha256": "([0-9a-f]{64})", "records": (\d+) \},$/m.exec(text);
  const report = /^ {2}"report": ([\s\S]*)\n\}\n?$/m.exec(text);
  if (!trace || !report) return null;
  return { traceSha256: trace[1], traceRecords: Number(trace[2]), reportText: report[1] };
}

/**
 * The report with numbers rounded as `repsim run --format table` rounds them: milliseconds
 * (and every other measured value) to 3 decimals, fractions and shares to 4 (the table's
 * percent with 2 decimals), versions behind and expectation actuals to 4 (its formatValue).
 * So a change in the last bits of a float sum does not churn the goldens; a change anyone
 * could see in the table does.
 */
export function roundReport(report: Report): unknown {
  return roundValue(report, 3);
}

function roundValue(value: unknown, decimals: number, key = ''): unknown {
  if (typeof value === 'number') return Number.isInteger(value) || !Number.isFinite(value) ? value : Number(value.toFixed(decimals));
  if (Array.isArray(value)) return value.map((v) => roundValue(v, decimals, key));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = roundValue(v, decimalsFor(k, decimals), k);
    return out;
  }
  return value;
}

function decimalsFor(key: string, inherited: number): number {
  if (/Fraction$|Share$/.test(key) || key === 'versionsBehind' || key === 'actual') return 4;
  return inherited;
}

/**
 * JSON with one field per line (so a diff names the field that changed), except arrays of
 * plain values, which stay on one line (a lag series is one line, not hundreds).
 */
export function formatGoldenJson(value: unknown, depth = 0): string {
  const pad = '  '.repeat(depth + 1);
  const end = '  '.repeat(depth);
  if (Array.isArray(value)) {
    if (value.every((v) => v === null || typeof v !== 'object')) return JSON.stringify(value);
    return `[\n${value.map((v) => pad + formatGoldenJson(v, depth + 1)).join(',\n')}\n${end}]`;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value);
    if (entries.length === 0) return '{}';
    return `{\n${entries.map(([k, v]) => `${pad}${JSON.stringify(k)}: ${formatGoldenJson(v, depth + 1)}`).join(',\n')}\n${end}}`;
  }
  return JSON.stringify(value);
}

/** What changed between two golden files, for people: report lines that differ, and the trace digest. */
export function describeChange(oldText: string | null, run: GoldenRun): string[] {
  if (oldText === null) return [`${run.scenario}: new golden file ${run.goldenPath}`];
  const old = parseGolden(oldText);
  if (old === null) return [`${run.scenario}: ${run.goldenPath} is not a golden file; rewritten`];
  const out: string[] = [];
  if (old.reportText !== run.reportText) {
    out.push(`${run.scenario}: report changed`, ...lineDiff(old.reportText, run.reportText).map((l) => `  ${l}`));
  }
  if (old.traceSha256 !== run.traceSha256) {
    out.push(`${run.scenario}: trace digest changed (${old.traceRecords} → ${run.traceRecords} records)`);
  }
  if (out.length === 0 && oldText !== run.text) out.push(`${run.scenario}: ${run.goldenPath} differs outside its report and trace digest (its layout)`);
  return out;
}

/**
 * A long one-line array (a lag or monitor series) that changed, told as which values changed
 * rather than as two lines too long to read; null if the two lines are not that.
 */
function seriesChange(oldLine: string, newLine: string): string | null {
  if (oldLine.length <= MAX_LINE_CHARS && newLine.length <= MAX_LINE_CHARS) return null;
  const parse = (line: string) => {
    const m = /^\s*("[^"]*"): (\[.*\]),?$/.exec(line);
    return m ? { key: m[1], values: JSON.parse(m[2]) as unknown[] } : null;
  };
  const a = parse(oldLine);
  const b = parse(newLine);
  if (!a || !b || a.key !== b.key) return null;
  const changed: number[] = [];
  for (let i = 0; i < Math.max(a.values.length, b.values.length); i++) if (a.values[i] !== b.values[i]) changed.push(i);
  const shown = changed.slice(0, 5).map((i) => `[${i}] ${String(a.values[i] ?? '–')} → ${String(b.values[i] ?? '–')}`);
  const length = a.values.length === b.values.length ? `${a.values.length} values` : `${a.values.length} → ${b.values.length} values`;
  return `${a.key}: ${changed.length} of ${length} changed: ${shown.join(', ')}${changed.length > 5 ? ', …' : ''}`;
}

/** Where line `at` of formatGoldenJson's output sits, e.g. `failovers[0]` or `replication.lagMs.replica-1`. */
function fieldPath(lines: string[], at: number): string {
  let path = '';
  let indent = indentOf(lines[at]);
  for (let k = at - 1; k >= 0 && indent > 0; k--) {
    const lineIndent = indentOf(lines[k]);
    if (lineIndent >= indent) continue;
    indent = lineIndent;
    const key = /^\s*"([^"]*)": [{[]$/.exec(lines[k]);
    if (key) path = `.${key[1]}${path}`;
    else if (lineIndent > 0) path = `[${elementIndex(lines, k)}]${path}`; // an object in an array
  }
  return path.replace(/^\./, '');
}

function indentOf(line: string): number {
  return line.length - line.trimStart().length;
}

/** The index in its array of the keyless element opened at line `at`. */
function elementIndex(lines: string[], at: number): number {
  const indent = indentOf(lines[at]);
  let index = 0;
  for (let k = at - 1; k >= 0 && indentOf(lines[k]) >= indent; k--) if (indentOf(lines[k]) === indent && /^\s*[{[]$/.test(lines[k])) index++;
  return index;
}

const CONTEXT_LINES = 2;
const MAX_LINE_CHARS = 160;

/**
 * A unified-style diff of two texts by lines (longest common subsequence; golden reports are
 * a few hundred lines): each run of changes under `@ <enclosing field path>`, with context.
 */
export function lineDiff(oldText: string, newText: string): string[] {
  const a = oldText.split('\n');
  const b = newText.split('\n');
  // lcs[i][j] = length of the LCS of a[i..] and b[j..].
  const lcs: Uint32Array[] = Array.from({ length: a.length + 1 }, () => new Uint32Array(b.length + 1));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
  }
  const ops: { kind: ' ' | '-' | '+'; line: string; path: string }[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      ops.push({ kind: ' ', line: a[i], path: fieldPath(a, i) });
      i++;
      j++;
    } else if (j < b.length && (i >= a.length || lcs[i][j + 1] > lcs[i + 1][j])) {
      ops.push({ kind: '+', line: b[j], path: fieldPath(b, j) });
      j++;
    } else {
      ops.push({ kind: '-', line: a[i], path: fieldPath(a, i) });
      i++;
    }
  }
  const keep = ops.map(() => false);
  ops.forEach((op, k) => {
    if (op.kind === ' ') return;
    for (let c = Math.max(0, k - CONTEXT_LINES); c <= Math.min(ops.length - 1, k + CONTEXT_LINES); c++) keep[c] = true;
  });
  const out: string[] = [];
  let skipped = false;
  const described = new Set<number>();
  ops.forEach((op, k) => {
    if (described.has(k)) return;
    if (!keep[k]) {
      skipped = true;
      return;
    }
    if (out.length === 0 || skipped) {
      // Headed by where its first change is (the context above may be the parent's).
      let first = k;
      while (ops[first].kind === ' ') first++;
      out.push(`@ ${ops[first].path || '(top)'}`);
    }
    skipped = false;
    const next = ops[k + 1];
    const series = op.kind === '-' && next?.kind === '+' ? seriesChange(op.line, next.line) : null;
    if (series) {
      out.push(`~ ${series}`);
      described.add(k + 1);
      return;
    }
    const line = op.line.length > MAX_LINE_CHARS ? `${op.line.slice(0, MAX_LINE_CHARS)}… (${op.line.length} chars)` : op.line;
    out.push(`${op.kind} ${line}`);
  });
  return out;
}
