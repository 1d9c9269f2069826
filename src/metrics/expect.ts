import type { ExpectationResult, Report } from './report.ts';
import { editDistance } from './edit-distance.ts';

/*
 * Expectations: `<path> <op> <value>` joined by `and`, e.g.
 *   reads.staleFraction < 0.05
 *   replication.lagMs.replica-1.max <= 500 and failovers.length == 1
 *   failovers.0.to == replica-2
 * The path is dotted into the report (array indices and `length` allowed); the value is a
 * number, true, false, or a string (quoted, or a bare word such as replica-1).
 */

export type ComparisonOp = '<' | '<=' | '>' | '>=' | '==' | '!=';
export type ExpectValue = number | string | boolean;

export interface Comparison {
  path: string;
  segments: string[];
  op: ComparisonOp;
  value: ExpectValue;
}

export interface ParsedExpectation {
  expr: string;
  comparisons: Comparison[];
}

const TOKEN = /\s*(?:("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')|(<=|>=|==|!=|<|>)|([^\s<>=!"']+))/y;

type Token = { kind: 'string'; text: string } | { kind: 'op'; text: ComparisonOp } | { kind: 'word'; text: string };

function tokenize(expr: string): Token[] {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  let pos = 0;
  while (pos < expr.length) {
    if (/^\s*$/.test(expr.slice(pos))) break;
    TOKEN.lastIndex = pos;
    const m = TOKEN.exec(expr);
    if (!m) throw new Error(`cannot read \`${expr.slice(pos).trim()}\` in expectation \`${expr}\``);
    pos = TOKEN.lastIndex;
    if (m[1] !== undefined) tokens.push({ kind: 'string', text: JSON.parse(m[1][0] === '"' ? m[1] : `"${m[1].slice(1, -1).replace(/"/g, '\\"')}"`) });
    else if (m[2] !== undefined) tokens.push({ kind: 'op', text: m[2] as ComparisonOp });
    else tokens.push({ kind: 'word', text: m[3] });
  }
  return tokens;
}

const PATH_RE = /^[A-Za-z_][A-Za-z0-9_-]*(?:\.[A-Za-z0-9_.-]+)*$/;
const NUMBER_RE = /^-?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?$/i;
const EXAMPLE = 'write e.g. `reads.staleFraction < 0.05`';

function parseValue(t: Token): ExpectValue {
  if (t.kind === 'string') return t.text;
  if (t.kind === 'op') throw new Error(`expected a value after the operator, found \`${t.text}\``);
  if (t.text === 'true') return true;
  if (t.text === 'false') return false;
  if (NUMBER_RE.test(t.text)) return Number(t.text);
  return t.text;
}

/** Parses one expectation; throws an Error whose message says what is wrong. */
export function parseExpectation(expr: string): ParsedExpectation {
  if (typeof expr !== 'string' || expr.trim() === '') throw new Error(`an expectation must be a non-empty string; ${EXAMPLE}`);
  const tokens = tokenize(expr);
  const comparisons: Comparison[] = [];
  let i = 0;
  for (;;) {
    const [p, o, v] = [tokens[i], tokens[i + 1], tokens[i + 2]];
    if (!p || p.kind !== 'word' || !PATH_RE.test(p.text) || p.text.includes('..') || p.text.endsWith('.'))
      throw new Error(`expected a report path such as reads.staleFraction${p ? `, found \`${p.text}\`` : ' at the end'}; ${EXAMPLE}`);
    if (!o || o.kind !== 'op')
      throw new Error(`expected one of < <= > >= == != after \`${p.text}\`${o ? `, found \`${o.text}\`` : ''}`);
    if (!v) throw new Error(`expected a value after \`${p.text} ${o.text}\``);
    const value = parseValue(v);
    if (typeof value !== 'number' && o.text !== '==' && o.text !== '!=')
      throw new Error(`\`${o.text}\` compares numbers; \`${v.text}\` is not a number (use == or !=)`);
    comparisons.push({ path: p.text, segments: p.text.split('.'), op: o.text, value });
    i += 3;
    if (i >= tokens.length) break;
    const j = tokens[i];
    if (j.kind !== 'word' || j.text !== 'and') throw new Error(`expected \`and\` or the end after \`${p.text} ${o.text} ${v.text}\`, found \`${j.text}\``);
    i++;
  }
  return { expr, comparisons };
}

/** The value at a dotted path (array indices and `length` work), or null if there is none. */
export function valueAt(root: unknown, segments: readonly string[]): number | string | boolean | null {
  let cur: unknown = root;
  for (const s of segments) {
    if (cur === null || typeof cur !== 'object') return null;
    if (Array.isArray(cur)) {
      if (s === 'length') cur = cur.length;
      else if (/^\d+$/.test(s)) cur = cur[Number(s)];
      else return null;
    } else {
      if (!Object.prototype.hasOwnProperty.call(cur, s)) return null;
      cur = (cur as Record<string, unknown>)[s];
    }
  }
  return typeof cur === 'number' || typeof cur === 'string' || typeof cur === 'boolean' ? cur : null;
}

/** One comparison of an expect line or a trace query; a missing value (null) never passes. */
export function compareValues(actual: ExpectValue | null, op: ComparisonOp, expected: ExpectValue): boolean {
  if (actual === null) return false;
  if (op === '==') return actual === expected;
  if (op === '!=') return actual !== expected;
  if (typeof actual !== 'number' || typeof expected !== 'number') return false;
  switch (op) {
    case '<': return actual < expected;
    case '<=': return actual <= expected;
    case '>': return actual > expected;
    case '>=': return actual >= expected;
  }
}

/**
 * Evaluates each expression against the report: one result per expression. `actual` is the
 * value of the first comparison that fails (or of the first comparison when all pass); a
 * path with no value fails with actual null. A line that does not parse fails with null.
 */
export function evaluateExpectations(report: Report, exprs: string[]): ExpectationResult[] {
  return exprs.map((expr) => {
    let parsed: ParsedExpectation;
    try {
      parsed = parseExpectation(expr);
    } catch {
      return { expr, actual: null, pass: false };
    }
    let first: ExpectationResult | undefined;
    for (const c of parsed.comparisons) {
      const actual = valueAt(report, c.segments);
      const pass = compareValues(actual, c.op, c.value);
      if (!pass) return { expr, actual, pass: false };
      first ??= { expr, actual, pass: true };
    }
    return first ?? { expr, actual: null, pass: false };
  });
}

/* ---------- static check of paths against the report's shape ---------- */

type Shape = 'leaf' | { array: Shape } | { record: Shape } | { fields: { [k: string]: Shape } };

/** A shape mirroring a type: the compiler fails here if Report gains or loses a field. */
type ShapeOf<T> = T extends number | string | boolean | null
  ? 'leaf'
  : T extends readonly (infer U)[]
    ? { array: ShapeOf<U> }
    : string extends keyof T
      ? { record: ShapeOf<T[string & keyof T]> }
      : { fields: { [K in keyof T]-?: ShapeOf<T[K]> } };

const SUMMARY: ShapeOf<Report['writes']['latencyMs']> = {
  fields: { mean: 'leaf', p50: 'leaf', p99: 'leaf', max: 'leaf', count: 'leaf' },
};

export const REPORT_SHAPE: ShapeOf<Report> = {
  fields: {
    scenario: 'leaf',
    seed: 'leaf',
    simulatedTimeMs: 'leaf',
    events: 'leaf',
    writes: {
      fields: {
        issued: 'leaf',
        acknowledged: 'leaf',
        failed: 'leaf',
        lostAcknowledged: 'leaf',
        latencyMs: SUMMARY,
        unavailableMs: 'leaf',
        ackedByDeposedPrimary: 'leaf',
        lockWaits: { fields: { count: 'leaf', fraction: 'leaf', waitMs: SUMMARY } },
      },
    },
    reads: {
      fields: {
        total: 'leaf',
        failed: 'leaf',
        stale: 'leaf',
        staleFraction: 'leaf',
        rywViolations: 'leaf',
        monotonicViolations: 'leaf',
        phantom: 'leaf',
        byNode: { record: 'leaf' },
        latencyMs: SUMMARY,
        versionsBehind: SUMMARY,
        timeBehindMs: SUMMARY,
        primaryShare: 'leaf',
        waited: 'leaf',
        fellBack: 'leaf',
        waitMs: SUMMARY,
        byGroup: {
          record: {
            fields: {
              policy: 'leaf',
              total: 'leaf',
              stale: 'leaf',
              staleFraction: 'leaf',
              rywViolations: 'leaf',
              monotonicViolations: 'leaf',
              primaryShare: 'leaf',
              waited: 'leaf',
              fellBack: 'leaf',
              latencyMs: SUMMARY,
            },
          },
        },
      },
    },
    replication: {
      fields: {
        mode: 'leaf',
        applyDelayMs: { record: SUMMARY },
        lagMs: { record: { fields: { mean: 'leaf', max: 'leaf' } } },
        lagSeries: { fields: { intervalMs: 'leaf', byReplica: { record: { array: 'leaf' } } } },
        monitor: {
          fields: {
            intervalMs: 'leaf',
            measure: 'leaf',
            byReplica: {
              record: {
                fields: {
                  trueLagMs: { array: 'leaf' },
                  lsnLag: { array: 'leaf' },
                  secondsBehindMs: { array: 'leaf' },
                  secondsBehindSource: { array: 'leaf' },
                  secondsBehindSourceNull: 'leaf',
                  replayLagMs: { array: 'leaf' },
                  maxTrueLagMs: 'leaf',
                  maxLsnLag: 'leaf',
                  maxSecondsBehindMs: 'leaf',
                },
              },
            },
          },
        },
      },
    },
    failovers: {
      array: { fields: { atMs: 'leaf', detectedAtMs: 'leaf', completedAtMs: 'leaf', from: 'leaf', to: 'leaf', lostWrites: 'leaf' } },
    },
    errantTransactions: { fields: { total: 'leaf', byNode: { record: 'leaf' } } },
    expectations: { array: { fields: { expr: 'leaf', actual: 'leaf', pass: 'leaf' } } },
  },
};

/** Suggestion helper kept local so metrics does not depend on the scenario layer. */
function nearest(word: string, candidates: string[]): string {
  let best: string | undefined;
  let bestD = 3;
  for (const c of candidates) {
    const d = editDistance(word.toLowerCase(), c.toLowerCase());
    if (d < bestD) [best, bestD] = [c, d];
  }
  if (word.length >= 3) best ??= candidates.find((c) => c.toLowerCase().startsWith(word.toLowerCase()));
  return best ? ` (did you mean \`${best}\`?)` : '';
}

/**
 * Checks a dotted path against the report's static shape. Returns a message saying what is
 * wrong (with a did-you-mean) or null when the path can name a number, string or boolean.
 * Keys chosen at run time (node ids under byNode, lagMs, …) are not checked.
 */
export function checkReportPath(segments: readonly string[]): string | null {
  let shape: Shape = REPORT_SHAPE;
  for (let i = 0; i < segments.length; i++) {
    const s = segments[i];
    const here = segments.slice(0, i).join('.');
    if (shape === 'leaf') return `\`${here}\` is a value; it has no field \`${s}\``;
    if ('array' in shape) {
      if (s === 'length') {
        shape = 'leaf';
        continue;
      }
      if (!/^\d+$/.test(s)) return `\`${here}\` is a list; use an index (\`${here}.0\`) or \`${here}.length\`, not \`${s}\``;
      shape = shape.array;
    } else if ('record' in shape) {
      shape = shape.record;
    } else {
      const keys = Object.keys(shape.fields);
      const next: Shape | undefined = Object.prototype.hasOwnProperty.call(shape.fields, s) ? shape.fields[s] : undefined;
      if (next === undefined)
        return `unknown report field \`${[...segments.slice(0, i), s].join('.')}\`${nearest(s, keys)}`;
      shape = next;
    }
  }
  if (shape === 'leaf') return null;
  const p = segments.join('.');
  if ('array' in shape) return `\`${p}\` is a list, not a value; compare \`${p}.length\` or an element such as \`${p}.0\``;
  if ('record' in shape) return `\`${p}\` is keyed by node id; add one, e.g. \`${p}.replica-1\``;
  return `\`${p}\` is an object, not a value; pick one of its fields: ${Object.keys(shape.fields).join(', ')}`;
}
