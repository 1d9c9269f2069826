import type { TraceRecord } from '../../model/trace.ts';
import { numColumn, recordAt, tableOf } from '../trace/columns.ts';
import { readAt } from './derive.ts';
import type { Hold, ReadDone, Timeline } from './types.ts';
import { READ_FELL_BACK, READ_HELD, READ_MONO, READ_ON_PRIMARY, READ_RYW, READ_STALE } from './types.ts';

export type { Hold } from './types.ts';

/** Why one read went where it went, and what happened to it on the way. */
export interface ReadRoute {
  op: number;
  group: string;
  session: number;
  key: number;
  issueUs: number;
  to: string;
  /** The router's own words (display text). */
  reason: string;
  /** The group's routing policy. */
  policy?: string;
  /** LSN the serving node must have applied first (0 = none). */
  token: number;
  /** The session's read-your-writes token (its last acknowledged write) and monotonic token (newest LSN it read). */
  writeToken: number;
  readToken: number;
  hold?: Hold;
  fallback?: { atUs: number; from: string; to: string; waitedUs: number };
  done?: ReadDone;
  /** The node that served it was the primary at that moment. */
  onPrimary?: boolean;
}

/** Per workload group, as of a moment. */
export interface GroupTally {
  total: number;
  stale: number;
  ryw: number;
  mono: number;
  held: number;
  fellBack: number;
  onPrimary: number;
}

export interface ReadIndex {
  /** Indexes into tl.reads of reads with a read-your-writes or monotonic violation, in reply order. */
  violations: number[];
  /** Per node, reply times of its violating reads (ascending), for "so far" counts. */
  violationTimes: Map<string, { ryw: number[]; mono: number[] }>;
  groups: string[];
  /** Tallies after reads[0 .. k·TALLY_EVERY − 1], one per group. */
  tallyCheckpoints: GroupTally[][];
}

const TALLY_EVERY = 256;
const cache = new WeakMap<Timeline, ReadIndex>();

const zero = (): GroupTally => ({ total: 0, stale: 0, ryw: 0, mono: 0, held: 0, fellBack: 0, onPrimary: 0 });

/** Indexes a trace's reads once (cached per timeline): from the read columns, decoding only violations. */
export function readIndex(tl: Timeline): ReadIndex {
  let ix = cache.get(tl);
  if (ix) return ix;
  const reads = tl.reads;
  const violations: number[] = [];
  const violationTimes = new Map<string, { ryw: number[]; mono: number[] }>();
  for (let i = 0; i < reads.count; i++) {
    const f = reads.flags[i];
    if (!(f & (READ_RYW | READ_MONO))) continue;
    violations.push(i);
    const node = readAt(tl, i).node;
    let v = violationTimes.get(node);
    if (!v) violationTimes.set(node, (v = { ryw: [], mono: [] }));
    if (f & READ_RYW) v.ryw.push(reads.tUs[i]);
    if (f & READ_MONO) v.mono.push(reads.tUs[i]);
  }
  ix = { violations, violationTimes, groups: tl.readGroups, tallyCheckpoints: [] };
  const running = ix.groups.map(zero);
  for (let i = 0; i <= reads.count; i++) {
    if (i % TALLY_EVERY === 0) ix.tallyCheckpoints.push(running.map((t) => ({ ...t })));
    if (i < reads.count) tally(running[reads.group[i]], reads.flags[i]);
  }
  cache.set(tl, ix);
  return ix;
}

function tally(t: GroupTally, f: number): void {
  t.total++;
  if (f & READ_STALE) t.stale++;
  if (f & READ_RYW) t.ryw++;
  if (f & READ_MONO) t.mono++;
  if (f & READ_HELD) t.held++;
  if (f & READ_FELL_BACK) t.fellBack++;
  if (f & READ_ON_PRIMARY) t.onPrimary++;
}

/** Row of the first record of `type` whose `op` is `op` (ops rise in issue order), or −1. */
function rowOfOp(tl: Timeline, type: string, op: number): number {
  const ops = numColumn(tableOf(tl.trace, type), 'op');
  if (!ops) return -1;
  for (let row = 0; row < ops.length; row++) if (ops[row] === op) return row;
  return -1;
}

/** The route of a read, by its operation number, decoded from its records on demand. */
export function routeOf(tl: Timeline, op: number): ReadRoute | undefined {
  const row = rowOfOp(tl, 'read.issue', op);
  if (row < 0) return undefined;
  const r = recordAt(tl.trace, tableOf(tl.trace, 'read.issue')!.rec[row]) as Extract<TraceRecord, { type: 'read.issue' }>;
  const route: ReadRoute = {
    op, group: r.group, session: r.session, key: r.key, issueUs: r.t, to: r.to, reason: r.reason ?? '', policy: r.policy,
    token: r.token ?? 0, writeToken: r.writeToken ?? 0, readToken: r.readToken ?? 0,
  };
  route.hold = tl.holds.find((h) => h.op === op);
  const fb = rowOfOp(tl, 'read.fallback', op);
  if (fb >= 0) {
    const f = recordAt(tl.trace, tableOf(tl.trace, 'read.fallback')!.rec[fb]) as Extract<TraceRecord, { type: 'read.fallback' }>;
    route.fallback = { atUs: f.t, from: f.from, to: f.to, waitedUs: f.waitedUs };
  }
  const done = rowOfOp(tl, 'read.done', op);
  if (done >= 0) {
    route.done = readAt(tl, done);
    route.onPrimary = (tl.reads.flags[done] & READ_ON_PRIMARY) !== 0;
  }
  return route;
}

/** A read that returned a write the checker later found lost (a `read.phantom` record). */
export interface PhantomVerdict {
  /** When the checker found the write lost (the read itself completed earlier). */
  atUs: number;
  lsn: number;
  term: number;
}

/** Read `op`'s phantom verdict, if the checker had given it by `tUs` (never before: no spoilers). */
export function phantomOf(tl: Timeline, op: number, tUs: number): PhantomVerdict | undefined {
  const row = rowOfOp(tl, 'read.phantom', op);
  if (row < 0) return undefined;
  const r = recordAt(tl.trace, tableOf(tl.trace, 'read.phantom')!.rec[row]) as Extract<TraceRecord, { type: 'read.phantom' }>;
  return r.t <= tUs ? { atUs: r.t, lsn: r.lsn, term: r.term } : undefined;
}

/** Per group, reads completed by tUs (the report's reads.byGroup as of the playhead). */
export function groupTalliesAt(tl: Timeline, tUs: number): { group: string; tally: GroupTally }[] {
  const ix = readIndex(tl);
  const times = tl.reads.tUs;
  let n = 0;
  let hi = tl.reads.count;
  while (n < hi) {
    const mid = (n + hi) >>> 1;
    if (times[mid] <= tUs) n = mid + 1;
    else hi = mid;
  }
  const k = Math.floor(n / TALLY_EVERY);
  const out = ix.tallyCheckpoints[k].map((t) => ({ ...t }));
  for (let i = k * TALLY_EVERY; i < n; i++) tally(out[tl.reads.group[i]], tl.reads.flags[i]);
  return ix.groups.map((group, i) => ({ group, tally: out[i] }));
}

/** Holds that overlap [fromUs, toUs]. */
export function holdsInWindow(tl: Timeline, fromUs: number, toUs: number): Hold[] {
  return tl.holds.filter((h) => h.fromUs <= toUs && h.untilUs >= fromUs);
}

/** Holds in progress at tUs, per node. */
export function holdingAt(tl: Timeline, tUs: number): Map<string, Hold[]> {
  const out = new Map<string, Hold[]>();
  for (const h of tl.holds) {
    if (h.fromUs > tUs) break;
    if (h.untilUs <= tUs) continue;
    const list = out.get(h.node);
    if (list) list.push(h);
    else out.set(h.node, [h]);
  }
  return out;
}

/** Violating reads replied in (tUs − windowUs, tUs], newest first. */
export function violationsInWindow(tl: Timeline, tUs: number, windowUs: number): ReadDone[] {
  const v = readIndex(tl).violations;
  const times = tl.reads.tUs;
  const out: ReadDone[] = [];
  for (let i = upper(v.length, (j) => times[v[j]] <= tUs) - 1; i >= 0 && times[v[i]] > tUs - windowUs; i--) out.push(readAt(tl, v[i]));
  return out;
}

/** Violations at `node` replied by tUs. */
export function violationsSoFar(tl: Timeline, node: string, tUs: number): { ryw: number; mono: number } {
  const v = readIndex(tl).violationTimes.get(node);
  if (!v) return { ryw: 0, mono: 0 };
  return { ryw: upper(v.ryw.length, (j) => v.ryw[j] <= tUs), mono: upper(v.mono.length, (j) => v.mono[j] <= tUs) };
}

/** First index in [0, n) where `ok` is false (ok must be true then false). */
function upper(n: number, ok: (i: number) => boolean): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (ok(mid)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** One short line on why a read went where it went: for tables and tooltips. */
export function routeLine(r: ReadRoute): string {
  const parts = [r.reason || `sent to ${r.to}`];
  if (r.hold) parts.push(`held ${fmtMs(r.hold.untilUs - r.hold.fromUs)} at ${r.hold.node} for LSN ${r.hold.token}`);
  if (r.fallback) parts.push(`timed out → ${r.fallback.to}`);
  return parts.join(' · ');
}

function fmtMs(us: number): string {
  return `${Math.round(us / 100) / 10} ms`;
}

/** A lag-bounded policy's maxLag (µs), from the first read.issue record that carries one; null if none. */
export function maxLagUs(tl: Timeline): number | null {
  const col = numColumn(tableOf(tl.trace, 'read.issue'), 'maxLagUs');
  if (col) for (let row = 0; row < col.length; row++) if (col[row] === col[row]) return col[row];
  return null;
}
