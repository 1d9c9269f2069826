import { numColumn, tableOf } from '../trace/columns.ts';
import type { Timeline } from './types.ts';

/**
 * "Follow one write": everything the trace says happened to one write, gathered once when the
 * learner picks it — its request, the commit, the log entry shipped to each replica, each
 * replica's receipt, apply and acknowledgement, the client's ack, and every read of its key.
 *
 * The index itself is built in follow-index.ts (loaded when the learner first follows a write,
 * so the page's first view does not download it); this file holds its types and the small
 * queries the views run per frame.
 *
 * A fold of the trace's records only (write.issue, write.commit, msg, entry.receive,
 * entry.apply, rollback, write.lost, write.ack, write.fail, read.done): nothing here
 * re-derives what the model would have done. The first follow in a run groups those tables'
 * rows by op, LSN, key and sender (one counting sort per column, once per run); each followed
 * write then reads only its own rows and is cached; a frame reads a few short sorted lists.
 */

/** Where the followed write stands on one node. */
export type FollowState = 'not-received' | 'received' | 'applied' | 'committed' | 'rolled-back' | 'lost';

export interface FollowEvent {
  tUs: number;
  state: FollowState;
}

export interface WritePath {
  op: number;
  key: number;
  /** The client group that wrote it, and the node it first sent it to. */
  group: string;
  to: string;
  issueUs: number;
  commit: { tUs: number; node: string; lsn: number; term: number } | null;
  /** The client learned it succeeded (write.ack) or failed (write.fail). */
  ack: { tUs: number; latencyUs: number } | null;
  fail: { tUs: number; reason: string } | null;
  /** The lost-write checker found it outside the surviving history (write.lost). */
  lost: { tUs: number; node: string } | null;
  /** Messages of the write (request, client ack, log entries, the replica acks that cover it), by message id. */
  msgIds: Set<number>;
  /** The same messages as indexes into tl.msgs, in send order. */
  msgIndexes: number[];
  /** Per node, what happened to the write there, in time order (a node absent here never had it). */
  nodes: Map<string, FollowEvent[]>;
  /** Reads of the key replied at or after the write's issue: rows of tl.reads, in reply order. */
  reads: Uint32Array;
  /** Their read request/reply messages, by message id. */
  readMsgIds: Set<number>;
}

/** Where the followed write stands on `node` at tUs. */
export function followStateAt(path: WritePath, node: string, tUs: number): FollowState {
  const list = path.nodes.get(node);
  let state: FollowState = 'not-received';
  if (!list) return state;
  for (const e of list) {
    if (e.tUs > tUs) break;
    state = e.state;
  }
  return state;
}

/** Rows of tl.reads among the followed key's reads replied in (fromUs, toUs], newest first. */
export function followedReadsIn(tl: Timeline, path: WritePath, fromUs: number, toUs: number, limit = 50): number[] {
  const rows = path.reads;
  const times = tl.reads.tUs;
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (times[rows[mid]] <= toUs) lo = mid + 1;
    else hi = mid;
  }
  const out: number[] = [];
  for (let i = lo - 1; i >= 0 && out.length < limit && times[rows[i]] > fromUs; i--) out.push(rows[i]);
  return out;
}

/** How many of the key's reads have been replied by tUs (they are in reply order). */
export function readsRepliedBy(tl: Timeline, path: WritePath, tUs: number): number {
  let lo = 0;
  let hi = path.reads.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (tl.reads.tUs[path.reads[mid]] <= tUs) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The latest write issued at or before tUs (the keyboard's "follow the latest write"), or null. */
export function latestWriteAt(tl: Timeline, tUs: number, key?: number): number | null {
  const tab = tableOf(tl.trace, 'write.issue');
  const ops = numColumn(tab, 'op');
  const keys = numColumn(tab, 'key');
  if (!tab || !ops) return null;
  let lo = 0;
  let hi = tab.count;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (tl.trace.t[tab.rec[mid]] <= tUs) lo = mid + 1;
    else hi = mid;
  }
  for (let row = lo - 1; row >= 0; row--) if (key === undefined || keys![row] === key) return ops[row];
  return null;
}

/** The write committed at `lsn` most recently at or before tUs (a log row, a log entry, a read's version), or null. */
export function writeAtLsn(tl: Timeline, lsn: number, tUs: number, key?: number): number | null {
  let best: { tUs: number; op: number } | null = null;
  for (const c of tl.commits.get(lsn) ?? []) {
    if (c.tUs > tUs || (key !== undefined && c.key !== key)) continue;
    if (!best || c.tUs >= best.tUs) best = c;
  }
  return best ? best.op : null;
}

/** The write a message belongs to (write, write-ack: its op; log: the entry's write), or null. */
export function writeOfMessage(tl: Timeline, m: { kind: string; op?: number; lsn?: number; key?: number; sendUs: number }): number | null {
  if ((m.kind === 'write' || m.kind === 'write-ack') && m.op !== undefined) return m.op;
  if (m.kind === 'log' && m.lsn !== undefined) return writeAtLsn(tl, m.lsn, m.sendUs, m.key);
  return null;
}
