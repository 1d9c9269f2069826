import type { ReadDone, Timeline } from './types.ts';

/** A replica holding a read until it has applied the session's token (MASTER_GTID_WAIT). */
export interface Hold {
  op: number;
  node: string;
  fromUs: number;
  /** When the hold ended: the node served the read, or it timed out (then `fellBack`). */
  untilUs: number;
  token: number;
  timeoutUs: number | null;
  fellBack: boolean;
}

/** Why one read went where it went, and what happened to it on the way. */
export interface ReadRoute {
  op: number;
  group: string;
  session: number;
  key: number;
  issueUs: number;
  to: string;
  /** The router's own words. */
  reason: string;
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
  byOp: Map<number, ReadRoute>;
  /** Ordered by start. */
  holds: Hold[];
  /** Reads with a read-your-writes or monotonic violation, in reply order. */
  violations: ReadDone[];
  /** Per node, reply times of its violating reads (ascending), for "so far" counts. */
  violationTimes: Map<string, { ryw: number[]; mono: number[] }>;
  /** Route of tl.reads[i]. */
  routeOfRead: (ReadRoute | undefined)[];
  groups: string[];
  /** Tallies after reads[0 .. k·TALLY_EVERY − 1], one per group. */
  tallyCheckpoints: GroupTally[][];
}

const TALLY_EVERY = 256;
const cache = new WeakMap<Timeline, ReadIndex>();

const zero = (): GroupTally => ({ total: 0, stale: 0, ryw: 0, mono: 0, held: 0, fellBack: 0, onPrimary: 0 });

/** Indexes a trace's read routing once (cached per timeline). */
export function readIndex(tl: Timeline): ReadIndex {
  let ix = cache.get(tl);
  if (ix) return ix;
  const byOp = new Map<number, ReadRoute>();
  const holds: Hold[] = [];
  const open = new Map<number, Hold>();
  const role = new Map<string, string>(tl.nodeIds.map((id, i) => [id, tl.checkpoints[0]?.core.nodes[i].role ?? '']));
  const routeOfRead: (ReadRoute | undefined)[] = [];
  const close = (op: number, t: number, fellBack: boolean) => {
    const h = open.get(op);
    if (!h) return;
    h.untilUs = t;
    h.fellBack = fellBack;
    open.delete(op);
  };
  for (const r of tl.records) {
    switch (r.type) {
      case 'read.issue':
        byOp.set(r.op, {
          op: r.op, group: r.group, session: r.session, key: r.key, issueUs: r.t, to: r.to, reason: r.reason ?? '',
          token: r.token ?? 0, writeToken: r.writeToken ?? 0, readToken: r.readToken ?? 0,
        });
        break;
      case 'read.wait': {
        const h: Hold = { op: r.op, node: r.node, fromUs: r.t, untilUs: tl.endUs, token: r.token, timeoutUs: r.timeoutUs, fellBack: false };
        holds.push(h);
        open.set(r.op, h);
        const route = byOp.get(r.op);
        if (route) route.hold = h;
        break;
      }
      case 'read.fallback': {
        close(r.op, r.t, true);
        const route = byOp.get(r.op);
        if (route) route.fallback = { atUs: r.t, from: r.from, to: r.to, waitedUs: r.waitedUs };
        break;
      }
      case 'read.serve':
        if (open.get(r.op)?.node === r.node) close(r.op, r.t, false);
        break;
      case 'read.done': {
        const route = byOp.get(r.op);
        if (route) route.onPrimary = role.get(r.node) === 'primary';
        routeOfRead.push(route);
        break;
      }
      case 'node.state':
        if (r.role) role.set(r.node, r.role);
        break;
      default:
        break;
    }
  }
  const violations: ReadDone[] = [];
  const violationTimes = new Map<string, { ryw: number[]; mono: number[] }>();
  for (const rd of tl.reads) {
    if (!rd.rywViolation && !rd.monotonicViolation) continue;
    violations.push(rd);
    let v = violationTimes.get(rd.node);
    if (!v) violationTimes.set(rd.node, (v = { ryw: [], mono: [] }));
    if (rd.rywViolation) v.ryw.push(rd.tUs);
    if (rd.monotonicViolation) v.mono.push(rd.tUs);
  }
  tl.reads.forEach((rd, i) => {
    const route = routeOfRead[i];
    if (route) route.done = rd;
  });
  const groups = [...new Set([...tl.groups.filter((g) => tl.reads.some((r) => r.group === g)), ...tl.reads.map((r) => r.group)])];
  ix = { byOp, holds, violations, violationTimes, routeOfRead, groups, tallyCheckpoints: [] };
  const running = groups.map(zero);
  const gi = new Map(groups.map((g, i) => [g, i]));
  for (let i = 0; i <= tl.reads.length; i++) {
    if (i % TALLY_EVERY === 0) ix.tallyCheckpoints.push(running.map((t) => ({ ...t })));
    if (i < tl.reads.length) tally(running[gi.get(tl.reads[i].group)!], tl.reads[i], routeOfRead[i]);
  }
  cache.set(tl, ix);
  return ix;
}

function tally(t: GroupTally, rd: ReadDone, route: ReadRoute | undefined): void {
  t.total++;
  if (rd.stale) t.stale++;
  if (rd.rywViolation) t.ryw++;
  if (rd.monotonicViolation) t.mono++;
  if (route?.hold) t.held++;
  if (route?.fallback) t.fellBack++;
  if (route?.onPrimary) t.onPrimary++;
}

/** The route of a read, by its operation number. */
export function routeOf(tl: Timeline, op: number): ReadRoute | undefined {
  return readIndex(tl).byOp.get(op);
}

/** Per group, reads completed by tUs (the report's reads.byGroup as of the playhead). */
export function groupTalliesAt(tl: Timeline, tUs: number): { group: string; tally: GroupTally }[] {
  const ix = readIndex(tl);
  let n = 0;
  let hi = tl.reads.length;
  while (n < hi) {
    const mid = (n + hi) >>> 1;
    if (tl.reads[mid].tUs <= tUs) n = mid + 1;
    else hi = mid;
  }
  const k = Math.floor(n / TALLY_EVERY);
  const out = ix.tallyCheckpoints[k].map((t) => ({ ...t }));
  const gi = new Map(ix.groups.map((g, i) => [g, i]));
  for (let i = k * TALLY_EVERY; i < n; i++) tally(out[gi.get(tl.reads[i].group)!], tl.reads[i], ix.routeOfRead[i]);
  return ix.groups.map((group, i) => ({ group, tally: out[i] }));
}

/** Holds that overlap [fromUs, toUs]. */
export function holdsInWindow(tl: Timeline, fromUs: number, toUs: number): Hold[] {
  return readIndex(tl).holds.filter((h) => h.fromUs <= toUs && h.untilUs >= fromUs);
}

/** Holds in progress at tUs, per node. */
export function holdingAt(tl: Timeline, tUs: number): Map<string, Hold[]> {
  const out = new Map<string, Hold[]>();
  for (const h of readIndex(tl).holds) {
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
  const out: ReadDone[] = [];
  for (let i = upper(v.length, (j) => v[j].tUs <= tUs) - 1; i >= 0 && v[i].tUs > tUs - windowUs; i--) out.push(v[i]);
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
  for (const r of tl.records) if (r.type === 'read.issue' && r.maxLagUs !== undefined) return r.maxLagUs;
  return null;
}
