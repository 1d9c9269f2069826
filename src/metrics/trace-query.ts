import type { TraceRecord, TraceType } from '../model/trace.ts';
import { TRACE_FIELDS, TRACE_TYPES } from './trace-fields.ts';
import { compareValues, type ComparisonOp } from './expect.ts';

/*
 * Trace queries, for quiz answers that are facts of the run:
 *   count(write.lost)                        how many records of a type
 *   count(read.done, stale=true, group=viewers)   … with fields equal to values
 *   sum(rollback.entries)   max(entry.apply.delayUs, node=replica-eu)   min(…)
 *   first(failover.to, step=promoted)   last(…)   a field of the first / last match
 * optionally followed by a comparison (`count(write.lost) > 0`), which makes it true/false.
 */

export type QueryFn = 'count' | 'sum' | 'max' | 'min' | 'first' | 'last';
export type CompareOp = ComparisonOp;
export type QueryValue = number | string | boolean | null;

export interface TraceQuery {
  text: string;
  fn: QueryFn;
  type: TraceType;
  /** The field sum/max/min/first/last read; absent for count. */
  field?: string;
  where: { field: string; value: string }[];
  compare?: { op: CompareOp; value: number | string | boolean };
}

const FNS: readonly QueryFn[] = ['count', 'sum', 'max', 'min', 'first', 'last'];
const SHAPE = /^\s*([a-z]+)\s*\(\s*([^,()]+?)\s*((?:,\s*[^,()]+?\s*)*)\)\s*(?:(<=|>=|==|!=|<|>)\s*(\S+))?\s*$/;
const EXAMPLE = 'write e.g. `count(write.lost)`, `count(read.done, stale=true) > 0` or `max(entry.apply.delayUs, node=replica-1)`';

/** Parses a trace query; throws an Error saying what is wrong. */
export function parseTraceQuery(text: string): TraceQuery {
  const m = SHAPE.exec(text);
  if (!m) throw new Error(`cannot read the trace query \`${text}\`; ${EXAMPLE}`);
  const [, fnText, target, rest, op, valueText] = m;
  if (!(FNS as readonly string[]).includes(fnText)) throw new Error(`unknown function \`${fnText}\` in \`${text}\`; functions are ${FNS.join(', ')}`);
  const fn = fnText as QueryFn;
  const { type, field } = splitTarget(target, fn);
  const where = rest
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map((cond) => {
      const eq = /^([A-Za-z]+)\s*=\s*(\S+)$/.exec(cond);
      if (!eq) throw new Error(`expected \`field=value\` in \`${text}\`, found \`${cond}\``);
      checkField(type, eq[1]);
      return { field: eq[1], value: eq[2] };
    });
  const query: TraceQuery = { text, fn, type, where };
  if (field !== undefined) query.field = field;
  if (op !== undefined) query.compare = { op: op as CompareOp, value: literal(valueText) };
  if (query.compare && typeof query.compare.value !== 'number' && op !== '==' && op !== '!=')
    throw new Error(`\`${op}\` compares numbers; \`${valueText}\` is not a number (use == or !=)`);
  return query;
}

function splitTarget(target: string, fn: QueryFn): { type: TraceType; field?: string } {
  if (fn === 'count') {
    if (!isType(target)) throw new Error(`unknown trace record type \`${target}\`; types are ${TRACE_TYPES.join(', ')}`);
    return { type: target };
  }
  // Types hold dots too (read.done): the field is what follows the longest known type.
  const type = TRACE_TYPES.filter((t) => target.startsWith(`${t}.`)).sort((a, b) => b.length - a.length)[0];
  if (!type) throw new Error(`${fn}() reads a field: write \`${fn}(<type>.<field>)\`, e.g. \`${fn}(rollback.entries)\`; \`${target}\` names no trace record type`);
  const field = target.slice(type.length + 1);
  checkField(type, field);
  return { type, field };
}

function checkField(type: TraceType, field: string): void {
  const fields = TRACE_FIELDS[type] as readonly string[];
  if (!fields.includes(field)) throw new Error(`\`${type}\` records have no field \`${field}\`; they have ${fields.join(', ')}`);
}

function isType(s: string): s is TraceType {
  return (TRACE_TYPES as string[]).includes(s);
}

function literal(s: string): number | string | boolean {
  if (s === 'true') return true;
  if (s === 'false') return false;
  const n = Number(s);
  return s !== '' && Number.isFinite(n) ? n : s;
}

/** Folds records into the query's value, one record at a time (nothing is buffered). */
export class QueryFold {
  private count = 0;
  private acc: QueryValue = null;

  constructor(readonly query: TraceQuery) {}

  accept(r: TraceRecord): void {
    const q = this.query;
    if (r.type !== q.type) return;
    const rec = r as unknown as Record<string, unknown>;
    for (const w of q.where) if (String(rec[w.field]) !== w.value) return;
    this.count++;
    if (q.field === undefined) return;
    const v = rec[q.field];
    if (v === undefined) return;
    const value = typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean' ? v : JSON.stringify(v);
    switch (q.fn) {
      case 'sum': this.acc = ((this.acc as number | null) ?? 0) + Number(value); break;
      case 'max': if (this.acc === null || Number(value) > Number(this.acc)) this.acc = Number(value); break;
      case 'min': if (this.acc === null || Number(value) < Number(this.acc)) this.acc = Number(value); break;
      case 'first': if (this.count === 1) this.acc = value; break;
      case 'last': this.acc = value; break;
    }
  }

  /** The query's value; with a comparison, whether it holds (false when there is no value). */
  get value(): QueryValue {
    const q = this.query;
    return q.compare ? compareValues(this.operand, q.compare.op, q.compare.value) : this.operand;
  }

  /** The value before any comparison (what a message shows as `actual`). */
  get operand(): QueryValue {
    const q = this.query;
    return q.fn === 'count' ? this.count : q.fn === 'sum' ? (this.acc ?? 0) : this.acc;
  }
}
