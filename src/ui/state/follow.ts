import { numColumn, tableOf } from '../trace/columns.ts';
import type { TraceColumns, TypeTable } from '../trace/columns.ts';
import type { Timeline } from './types.ts';

/**
 * "Follow one write": everything the trace says happened to one write, gathered once when the
 * learner picks it — its request, the commit, the log entry shipped to each replica, each
 * replica's receipt, apply and acknowledgement, the client's ack, and every read of its key.
 *
 * A fold of the trace's records only (write.issue, write.commit, msg, entry.receive,
 * entry.apply, rollback, write.lost, write.ack, write.fail, read.done): nothing here
 * re-derives what the model would have done. Built by one pass over the typed columns of
 * those tables (a 1M-record run takes a few ms), cached per (run, write); a frame then reads
 * a few small sorted lists.
 */

/** Where the followed write stands on one node. */
export type FollowState = 'not-received' | 'received' | 'applied' | 'committed' | 'rolled-back' | 'lost';

export interface FollowEvent {
  tUs: number;
  state: FollowState;
}

/** How a read of the key relates to the followed write: it returned it, an older or a newer version. */
export type ReadSaw = 'this' | 'older' | 'newer';

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

const cache = new WeakMap<Timeline, Map<number, WritePath | null>>();

/** The followed write's path, or null if no write.issue has this op. Cached per run. */
export function followWrite(tl: Timeline, op: number): WritePath | null {
  let perRun = cache.get(tl);
  if (!perRun) cache.set(tl, (perRun = new Map()));
  if (!perRun.has(op)) perRun.set(op, buildPath(tl, op));
  return perRun.get(op)!;
}

/** Raw interned-string column (index into trace.strings; negative = absent). */
function strIds(tab: TypeTable | undefined, name: string): Int32Array | null {
  const f = tab?.fields.find((x) => x.name === name);
  return f && f.kind === 'str' ? (f.data as Int32Array) : null;
}

function stringId(trace: TraceColumns, s: string): number {
  return trace.strings.indexOf(s);
}

function firstRow(col: Float64Array | null, count: number, value: number): number {
  if (!col) return -1;
  for (let row = 0; row < count; row++) if (col[row] === value) return row;
  return -1;
}

function buildPath(tl: Timeline, op: number): WritePath | null {
  const trace = tl.trace;
  const t = trace.t;
  const str = (id: number) => trace.strings[id];

  const issueTab = tableOf(trace, 'write.issue');
  const issueRow = firstRow(numColumn(issueTab, 'op'), issueTab?.count ?? 0, op);
  if (issueRow < 0) return null;
  const key = numColumn(issueTab, 'key')![issueRow];
  const path: WritePath = {
    op,
    key,
    group: str(strIds(issueTab, 'group')![issueRow]),
    to: str(strIds(issueTab, 'to')![issueRow]),
    issueUs: t[issueTab!.rec[issueRow]],
    commit: null,
    ack: null,
    fail: null,
    lost: null,
    msgIds: new Set(),
    msgIndexes: [],
    nodes: new Map(),
    reads: new Uint32Array(0),
    readMsgIds: new Set(),
  };

  const commitTab = tableOf(trace, 'write.commit');
  const cOps = numColumn(commitTab, 'op');
  const cRow = firstRow(cOps, commitTab?.count ?? 0, op);
  if (cRow >= 0) {
    path.commit = {
      tUs: t[commitTab!.rec[cRow]],
      node: str(strIds(commitTab, 'node')![cRow]),
      lsn: numColumn(commitTab, 'lsn')![cRow],
      term: numColumn(commitTab, 'term')![cRow],
    };
  }
  const ackTab = tableOf(trace, 'write.ack');
  const aRow = firstRow(numColumn(ackTab, 'op'), ackTab?.count ?? 0, op);
  if (aRow >= 0) path.ack = { tUs: t[ackTab!.rec[aRow]], latencyUs: numColumn(ackTab, 'latencyUs')![aRow] };
  const failTab = tableOf(trace, 'write.fail');
  const fRow = firstRow(numColumn(failTab, 'op'), failTab?.count ?? 0, op);
  if (fRow >= 0) path.fail = { tUs: t[failTab!.rec[fRow]], reason: str(strIds(failTab, 'reason')![fRow]) };
  const lostTab = tableOf(trace, 'write.lost');
  const lRow = firstRow(numColumn(lostTab, 'op'), lostTab?.count ?? 0, op);
  if (lRow >= 0) path.lost = { tUs: t[lostTab!.rec[lRow]], node: str(strIds(lostTab, 'node')![lRow]) };

  const c = path.commit;
  // Until when each node can be holding this write's entry at its LSN: the committer until a
  // rollback cuts below it; any other node until another write is committed at the same LSN
  // (a later term reusing the position), or a rollback on that node cuts below it.
  const otherCommitUs = c ? nextOtherCommitUs(tl, c.lsn, op, c.tUs) : Infinity;
  const rollbacks = c ? rollbacksBelow(trace, c.lsn, c.tUs) : new Map<string, number[]>();
  const untilOn = (node: string, fromUs: number): number => {
    const cut = (rollbacks.get(node) ?? []).find((x) => x >= fromUs) ?? Infinity;
    return node === c?.node ? cut : Math.min(cut, otherCommitUs);
  };

  const events = (node: string): FollowEvent[] => {
    let list = path.nodes.get(node);
    if (!list) path.nodes.set(node, (list = []));
    return list;
  };
  if (c) {
    events(c.node).push({ tUs: c.tUs, state: 'committed' });
    // Receipts and applies of the entry on the other nodes.
    const recvTab = tableOf(trace, 'entry.receive');
    const rLsn = numColumn(recvTab, 'lsn');
    const rNode = strIds(recvTab, 'node');
    const received = new Map<string, number>();
    for (let row = 0; row < (recvTab?.count ?? 0); row++) {
      if (rLsn![row] !== c.lsn) continue;
      const tu = t[recvTab!.rec[row]];
      const node = str(rNode![row]);
      // A rollback before the receipt is about an older entry at this LSN; only another write's commit ends the window.
      if (tu < c.tUs || node === c.node || received.has(node) || tu >= otherCommitUs) continue;
      received.set(node, tu);
      events(node).push({ tUs: tu, state: 'received' });
    }
    const applyTab = tableOf(trace, 'entry.apply');
    const pLsn = numColumn(applyTab, 'lsn');
    const pKey = numColumn(applyTab, 'key');
    const pNode = strIds(applyTab, 'node');
    const applied = new Set<string>();
    for (let row = 0; row < (applyTab?.count ?? 0); row++) {
      if (pLsn![row] !== c.lsn || pKey![row] !== key) continue;
      const tu = t[applyTab!.rec[row]];
      const node = str(pNode![row]);
      const from = received.get(node);
      if (from === undefined || tu < from || applied.has(node) || tu >= untilOn(node, from)) continue;
      applied.add(node);
      events(node).push({ tUs: tu, state: 'applied' });
    }
    // A rollback that cut below the entry after a node got it takes it away again.
    for (const [node, list] of path.nodes) {
      const since = list[0].tUs;
      const cut = (rollbacks.get(node) ?? []).find((x) => x >= since);
      if (cut !== undefined) list.push({ tUs: cut, state: 'rolled-back' });
    }
    if (path.lost) events(path.lost.node).push({ tUs: path.lost.tUs, state: 'lost' });
    for (const list of path.nodes.values()) list.sort((a, b) => a.tUs - b.tUs);

    collectMessages(tl, path, received, untilOn);
  } else {
    collectMessages(tl, path, new Map(), () => Infinity);
  }
  collectReads(tl, path);
  return path;
}

/** The first commit of `lsn` by another write after `afterUs` (a later term reusing the position). */
function nextOtherCommitUs(tl: Timeline, lsn: number, op: number, afterUs: number): number {
  let best = Infinity;
  for (const x of tl.commits.get(lsn) ?? []) if (x.op !== op && x.tUs >= afterUs && x.tUs < best) best = x.tUs;
  return best;
}

/** Per node, times of rollbacks (after `afterUs`) that cut its log below `lsn`. */
function rollbacksBelow(trace: TraceColumns, lsn: number, afterUs: number): Map<string, number[]> {
  const out = new Map<string, number[]>();
  const tab = tableOf(trace, 'rollback');
  const node = strIds(tab, 'node');
  const toLsn = numColumn(tab, 'toLsn');
  const fromLsn = numColumn(tab, 'fromLsn');
  for (let row = 0; row < (tab?.count ?? 0); row++) {
    const tu = trace.t[tab!.rec[row]];
    if (tu < afterUs || toLsn![row] >= lsn || fromLsn![row] < lsn) continue;
    const id = trace.strings[node![row]];
    const list = out.get(id);
    if (list) list.push(tu);
    else out.set(id, [tu]);
  }
  return out;
}

/**
 * The write's messages: its requests and client acks (by op); the log entries carrying its
 * LSN and key, sent while the sender still held it; and from each replica that received it,
 * the first replica ack at or past its LSN (the one that covers it).
 */
function collectMessages(tl: Timeline, path: WritePath, received: Map<string, number>, untilOn: (node: string, fromUs: number) => number): void {
  const trace = tl.trace;
  const tab = tableOf(trace, 'msg');
  if (!tab) return;
  const kind = strIds(tab, 'kind')!;
  const from = strIds(tab, 'from')!;
  const ids = numColumn(tab, 'id')!;
  const ops = numColumn(tab, 'op');
  const lsns = numColumn(tab, 'lsn');
  const keys = numColumn(tab, 'key');
  const kWrite = stringId(trace, 'write');
  const kWriteAck = stringId(trace, 'write-ack');
  const kLog = stringId(trace, 'log');
  const kReplAck = stringId(trace, 'repl-ack');
  const c = path.commit;
  const acked = new Set<number>();
  const receiverIds = new Map<number, string>();
  for (const node of received.keys()) receiverIds.set(stringId(trace, node), node);
  const sendUs = tl.msgs.sendUs;
  for (let row = 0; row < tab.count; row++) {
    const k = kind[row];
    let mine = false;
    if (k === kWrite || k === kWriteAck) mine = ops !== null && ops[row] === path.op;
    else if (c && k === kLog) {
      if (lsns![row] === c.lsn && keys?.[row] === path.key) {
        const s = sendUs[row];
        const sender = trace.strings[from[row]];
        const since = sender === c.node ? c.tUs : received.get(sender);
        mine = since !== undefined && s >= since && s < untilOn(sender, since) && s >= c.tUs;
      }
    } else if (c && k === kReplAck && !acked.has(from[row])) {
      const node = receiverIds.get(from[row]);
      if (node !== undefined && lsns![row] >= c.lsn && sendUs[row] >= received.get(node)!) {
        acked.add(from[row]);
        mine = true;
      }
    }
    if (mine) {
      path.msgIds.add(ids[row]);
      path.msgIndexes.push(row);
    }
  }
}

/** Reads of the key replied at or after the write's issue, and their messages. */
function collectReads(tl: Timeline, path: WritePath): void {
  const trace = tl.trace;
  const tab = tableOf(trace, 'read.done');
  const keys = numColumn(tab, 'key');
  const ops = numColumn(tab, 'op');
  if (!tab || !keys || !ops) return;
  const rows: number[] = [];
  const readOps = new Set<number>();
  // tl.reads row i is read.done row i (both in reply order).
  for (let row = 0; row < tab.count; row++) {
    if (keys[row] !== path.key || tl.reads.tUs[row] < path.issueUs) continue;
    rows.push(row);
    readOps.add(ops[row]);
  }
  path.reads = Uint32Array.from(rows);
  if (readOps.size === 0) return;
  const mtab = tableOf(trace, 'msg')!;
  const kind = strIds(mtab, 'kind')!;
  const mops = numColumn(mtab, 'op');
  const ids = numColumn(mtab, 'id')!;
  const kRead = stringId(trace, 'read');
  const kReply = stringId(trace, 'read-reply');
  for (let row = 0; row < mtab.count; row++) {
    if ((kind[row] === kRead || kind[row] === kReply) && readOps.has(mops![row])) path.readMsgIds.add(ids[row]);
  }
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

/** How a read's returned version relates to the followed write (versions are the LSNs that wrote them). */
export function readSaw(path: WritePath, version: number): ReadSaw {
  const lsn = path.commit?.lsn ?? Infinity;
  return version === lsn ? 'this' : version < lsn ? 'older' : 'newer';
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
