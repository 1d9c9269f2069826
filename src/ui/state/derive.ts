import { applyRecord, cloneCore, primaryOf } from './core.ts';
import type { TraceRecord } from '../../model/trace.ts';
import { recordAt } from '../trace/columns.ts';
import type { Core, Frame, Msg, NodeView, ReadDone, Timeline } from './types.ts';
import { lagSampleAt } from '../report/paths.ts';

/** Number of records with t ≤ tUs (so records[0 .. n-1] have happened by tUs). */
export function recordsUpTo(tl: Timeline, tUs: number): number {
  const a = tl.timesUs;
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] <= tUs) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Core state after the first `n` records: nearest checkpoint at or before, rolled forward. */
export function coreAfter(tl: Timeline, n: number): Core {
  const k = Math.min(Math.floor(n / tl.checkpointEvery), tl.checkpoints.length - 1);
  const core = cloneCore(tl.checkpoints[k].core);
  for (let i = core.applied; i < n; i++) applyRecord(core, recordAt(tl.trace, i), tl.nodeIndex);
  return core;
}

/** Message i (an index into tl.msgs) as an object, decoded from its record. */
export function msgAt(tl: Timeline, i: number): Msg {
  const ms = tl.msgs;
  const r = recordAt(tl.trace, ms.rec[i]) as Extract<TraceRecord, { type: 'msg' }>;
  const drop = ms.drop[i] >= 0 ? (recordAt(tl.trace, ms.drop[i]) as Extract<TraceRecord, { type: 'msg.drop' }>) : null;
  return {
    id: r.id, kind: r.kind, from: r.from, to: r.to, sendUs: ms.sendUs[i], deliverUs: ms.deliverUs[i], endUs: ms.endUs[i],
    dropReason: drop?.reason, op: r.op, lsn: r.lsn, key: r.key, rec: ms.rec[i],
  };
}

/** Completed read i (an index into tl.reads) as an object, decoded from its read.done record. */
export function readAt(tl: Timeline, i: number): ReadDone {
  const r = recordAt(tl.trace, tl.reads.rec[i]) as Extract<TraceRecord, { type: 'read.done' }>;
  return {
    tUs: r.t, op: r.op, rec: tl.reads.rec[i], node: r.node, group: r.group, key: r.key, version: r.version,
    required: r.required, stale: r.stale, versionsBehind: r.versionsBehind, timeBehindUs: r.timeBehindUs,
    rywViolation: r.rywViolation, monotonicViolation: r.monotonicViolation, latencyUs: r.latencyUs,
  };
}

/** Every record, decoded (tests and exports only: a long run has a million). */
export function allRecords(tl: Timeline): TraceRecord[] {
  const out: TraceRecord[] = [];
  for (let i = 0; i < tl.trace.count; i++) out.push(recordAt(tl.trace, i));
  return out;
}

/** Every message, decoded (tests only). */
export function allMsgs(tl: Timeline): Msg[] {
  return Array.from({ length: tl.msgs.count }, (_, i) => msgAt(tl, i));
}

/** Indexes of messages in flight at tUs: sent at or before it, not yet delivered or dropped. */
export function inFlightAt(tl: Timeline, tUs: number): number[] {
  const n = recordsUpTo(tl, tUs);
  const k = Math.min(Math.floor(n / tl.checkpointEvery), tl.checkpoints.length - 1);
  const ms = tl.msgs;
  const out: number[] = [];
  for (const mi of tl.checkpoints[k].alive) if (ms.endUs[mi] > tUs) out.push(mi);
  const from = k * tl.checkpointEvery;
  for (let mi = firstMsgAtOrAfterRecord(tl, from); mi < ms.count; mi++) {
    if (ms.rec[mi] >= n) break;
    if (ms.endUs[mi] > tUs) out.push(mi);
  }
  return out;
}

function firstMsgAtOrAfterRecord(tl: Timeline, rec: number): number {
  let lo = 0;
  let hi = tl.msgs.count;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (tl.msgs.rec[mid] < rec) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Messages that were on the wire at some moment in [fromUs, toUs], in send order. */
export function messagesInWindow(tl: Timeline, fromUs: number, toUs: number): Msg[] {
  const idx = inFlightAt(tl, fromUs);
  const seen = new Set(idx);
  const ms = tl.msgs;
  let lo = 0;
  let hi = ms.count;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (ms.sendUs[mid] <= fromUs) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < ms.count && ms.sendUs[i] <= toUs; i++) if (!seen.has(i)) idx.push(i);
  return idx.map((i) => msgAt(tl, i));
}

/** Time of the latest commit of `lsn` at or before tUs, or undefined. */
export function commitTimeOf(tl: Timeline, lsn: number, tUs: number): number | undefined {
  const list = tl.commits.get(lsn);
  if (!list) return undefined;
  let best: number | undefined;
  for (const c of list) if (c.tUs <= tUs) best = c.tUs;
  return best;
}

/** Lag as the report's lag series sampled it (the metrics layer's definition, not a copy). */
function lagOf(tl: Timeline, id: string, tUs: number): number {
  const s = tl.report ? lagSampleAt(tl.report, id, tUs) : null;
  return s ? s.ms * 1000 : 0;
}

/** The whole picture at tUs, derived from the trace alone. */
export function frameAt(tl: Timeline, tUs: number): Frame {
  const n = recordsUpTo(tl, tUs);
  const core = coreAfter(tl, n);
  const nodes: NodeView[] = core.nodes.map((c, i) => ({
    ...c,
    id: tl.nodeIds[i],
    lagUs: lagOf(tl, tl.nodeIds[i], tUs),
    backlog: Math.max(0, c.receivedLsn - c.appliedLsn),
  }));
  const readsByNode: Record<string, number> = {};
  tl.nodeIds.forEach((id, i) => (readsByNode[id] = core.readsByNode[i]));
  return {
    tUs,
    applied: n,
    nodes,
    primary: primaryOf(core) >= 0 && core.nodes[primaryOf(core)].up ? tl.nodeIds[primaryOf(core)] : null,
    counters: core.counters,
    readsByNode,
    inFlight: inFlightAt(tl, tUs).map((i) => msgAt(tl, i)),
    narration: narrationAt(tl, tUs),
    cutLinks: cutLinksAt(tl, tUs),
  };
}

export function narrationAt(tl: Timeline, tUs: number): string | null {
  let text: string | null = null;
  for (const c of tl.narration) {
    if (c.tUs > tUs) break;
    text = c.text;
  }
  return text;
}

/** Link directions that are down at tUs, as [from, to], folded from the `link` records. */
export function cutLinksAt(tl: Timeline, tUs: number): [string, string][] {
  const down = new Map<string, [string, string]>();
  for (const c of tl.linkChanges) {
    if (c.tUs > tUs) break;
    const k = `${c.from}>${c.to}`;
    if (c.up) down.delete(k);
    else down.set(k, [c.from, c.to]);
  }
  return [...down.values()];
}

/** Whether the link a↔b is down at the frame: 'both', one way ('a>b' = a cannot reach b), or null. */
export function linkCut(cut: [string, string][], a: string, b: string): 'both' | 'a>b' | 'b>a' | null {
  const ab = cut.some(([x, y]) => x === a && y === b);
  const ba = cut.some(([x, y]) => x === b && y === a);
  return ab && ba ? 'both' : ab ? 'a>b' : ba ? 'b>a' : null;
}

/** Time of the first record strictly after tUs (or tUs itself at the end). */
export function nextEventUs(tl: Timeline, tUs: number): number {
  const n = recordsUpTo(tl, tUs);
  return n < tl.timesUs.length ? tl.timesUs[n] : tUs;
}

/** Time of the last record strictly before tUs (or 0). */
export function prevEventUs(tl: Timeline, tUs: number): number {
  let lo = 0;
  let hi = tl.timesUs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (tl.timesUs[mid] < tUs) lo = mid + 1;
    else hi = mid;
  }
  return lo > 0 ? tl.timesUs[lo - 1] : 0;
}

/**
 * Reads replied at or before tUs and after tUs - windowUs, newest first (all nodes, or one).
 * A read counts when its reply reaches the client (`read.done`): the cluster's verdict
 * flash, the Summary, the markers and the charts all use this one moment.
 */
export function recentReads(tl: Timeline, tUs: number, windowUs: number, node?: string, limit = 50): ReadDone[] {
  const idx = node ? tl.readsByNode.get(node) ?? new Uint32Array(0) : null;
  const len = idx ? idx.length : tl.reads.count;
  const at = (i: number) => (idx ? idx[i] : i);
  const times = tl.reads.tUs;
  let lo = 0;
  let hi = len;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (times[at(mid)] <= tUs) lo = mid + 1;
    else hi = mid;
  }
  const out: ReadDone[] = [];
  for (let i = lo - 1; i >= 0 && out.length < limit; i--) {
    if (times[at(i)] <= tUs - windowUs) break;
    out.push(readAt(tl, at(i)));
  }
  return out;
}
