import { numColumn, tableOf } from '../trace/columns.ts';
import type { TraceColumns, TypeTable } from '../trace/columns.ts';
import type { Timeline } from './types.ts';
import type { FollowEvent, WritePath } from './follow.ts';

/**
 * Builds a followed write's path (types and queries in follow.ts). The first follow in a run
 * chains the rows of the record types involved by op, LSN, key and sender (one pass over
 * their typed columns: tens of ms for a million records); each followed write then reads
 * only its own rows. Both are cached per run. Loaded on demand.
 */

/**
 * Rows grouped by a small non-negative integer key (an op, an LSN, a key, an interned string):
 * the rows of key k are rows[start[k] .. start[k + 1]), in row (= time) order. Built by a
 * counting sort over typed arrays, so a million rows take milliseconds and no Map.
 */
interface Chains {
  start: Int32Array;
  rows: Int32Array;
}

function chain(col: ArrayLike<number>, kind: Int32Array | null = null, want: Uint8Array | null = null): Chains {
  const count = col.length;
  const keys = new Int32Array(count);
  let max = -1;
  for (let row = 0; row < count; row++) {
    const k = col[row];
    // Keys are op numbers, LSNs, keys and string ids; anything else (absent: NaN) is left out,
    // as are rows of other kinds when `want` picks kinds.
    if (!(k >= 0) || k > 0x3ffffff || k !== Math.floor(k) || (want !== null && (kind![row] < 0 || want[kind![row]] !== 1))) keys[row] = -1;
    else {
      keys[row] = k;
      if (k > max) max = k;
    }
  }
  const start = new Int32Array(max + 2);
  for (let row = 0; row < count; row++) if (keys[row] >= 0) start[keys[row] + 1]++;
  for (let k = 0; k <= max; k++) start[k + 1] += start[k];
  const rows = new Int32Array(start[max + 1]);
  const fill = start.slice(0, max + 1);
  for (let row = 0; row < count; row++) if (keys[row] >= 0) rows[fill[keys[row]]++] = row;
  return { start, rows };
}

/** The rows with key k, in row (= time) order. */
function rowsOf(c: Chains, k: number): Int32Array {
  if (!(k >= 0) || k + 1 >= c.start.length || k !== Math.floor(k)) return new Int32Array(0);
  return c.rows.subarray(c.start[k], c.start[k + 1]);
}

function firstOf(c: Chains, k: number): number {
  const r = rowsOf(c, k);
  return r.length > 0 ? r[0] : -1;
}

interface RunIndex {
  issueByOp: Chains;
  commitByOp: Chains;
  ackByOp: Chains;
  failByOp: Chains;
  lostByOp: Chains;
  /** msg rows carrying an op (write, write-ack, read, read-reply), by op. */
  msgByOp: Chains;
  /** log msg rows by LSN. */
  logByLsn: Chains;
  /** repl-ack msg rows by sender (interned string id). */
  replAckByFrom: Chains;
  receiveByLsn: Chains;
  applyByLsn: Chains;
  /** read.done rows (= tl.reads rows) by key. */
  readsByKey: Chains;
}

const runIndexes = new WeakMap<Timeline, RunIndex>();

function runIndex(tl: Timeline): RunIndex {
  let ix = runIndexes.get(tl);
  if (ix) return ix;
  const trace = tl.trace;
  const byNum = (type: string, field: string): Chains => chain(numColumn(tableOf(trace, type), field) ?? []);
  const msgTab = tableOf(trace, 'msg');
  const kind = strIds(msgTab, 'kind');
  /** A lookup by interned string id: 1 for the given message kinds. */
  const kinds = (...names: string[]): Uint8Array => {
    const want = new Uint8Array(trace.strings.length);
    for (const n of names) {
      const id = stringId(trace, n);
      if (id >= 0) want[id] = 1;
    }
    return want;
  };
  const msgNum = (field: string, want: Uint8Array): Chains => chain(numColumn(msgTab, field) ?? [], kind, want);
  ix = {
    issueByOp: byNum('write.issue', 'op'),
    commitByOp: byNum('write.commit', 'op'),
    ackByOp: byNum('write.ack', 'op'),
    failByOp: byNum('write.fail', 'op'),
    lostByOp: byNum('write.lost', 'op'),
    msgByOp: msgNum('op', kinds('write', 'write-ack', 'read', 'read-reply')),
    logByLsn: msgNum('lsn', kinds('log')),
    replAckByFrom: chain(strIds(msgTab, 'from') ?? [], kind, kinds('repl-ack')),
    receiveByLsn: byNum('entry.receive', 'lsn'),
    applyByLsn: byNum('entry.apply', 'lsn'),
    readsByKey: byNum('read.done', 'key'),
  };
  runIndexes.set(tl, ix);
  return ix;
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

function buildPath(tl: Timeline, op: number): WritePath | null {
  const trace = tl.trace;
  const t = trace.t;
  const str = (id: number) => trace.strings[id];

  const ix = runIndex(tl);
  const issueTab = tableOf(trace, 'write.issue');
  const issueRow = firstOf(ix.issueByOp, op);
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
  const cRow = firstOf(ix.commitByOp, op);
  if (cRow >= 0) {
    path.commit = {
      tUs: t[commitTab!.rec[cRow]],
      node: str(strIds(commitTab, 'node')![cRow]),
      lsn: numColumn(commitTab, 'lsn')![cRow],
      term: numColumn(commitTab, 'term')![cRow],
    };
  }
  const ackTab = tableOf(trace, 'write.ack');
  const aRow = firstOf(ix.ackByOp, op);
  if (aRow >= 0) path.ack = { tUs: t[ackTab!.rec[aRow]], latencyUs: numColumn(ackTab, 'latencyUs')![aRow] };
  const failTab = tableOf(trace, 'write.fail');
  const fRow = firstOf(ix.failByOp, op);
  if (fRow >= 0) path.fail = { tUs: t[failTab!.rec[fRow]], reason: str(strIds(failTab, 'reason')![fRow]) };
  const lostTab = tableOf(trace, 'write.lost');
  const lRow = firstOf(ix.lostByOp, op);
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
    const rNode = strIds(recvTab, 'node');
    const received = new Map<string, number>();
    for (const row of rowsOf(ix.receiveByLsn, c.lsn)) {
      const tu = t[recvTab!.rec[row]];
      const node = str(rNode![row]);
      // A rollback before the receipt is about an older entry at this LSN; only another write's commit ends the window.
      if (tu < c.tUs || node === c.node || received.has(node) || tu >= otherCommitUs) continue;
      received.set(node, tu);
      events(node).push({ tUs: tu, state: 'received' });
    }
    const applyTab = tableOf(trace, 'entry.apply');
    const pKey = numColumn(applyTab, 'key');
    const pNode = strIds(applyTab, 'node');
    const applied = new Set<string>();
    for (const row of rowsOf(ix.applyByLsn, c.lsn)) {
      if (pKey![row] !== key) continue;
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

    collectMessages(tl, ix, path, received, untilOn);
  } else {
    collectMessages(tl, ix, path, new Map(), () => Infinity);
  }
  collectReads(tl, ix, path);
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
function collectMessages(tl: Timeline, ix: RunIndex, path: WritePath, received: Map<string, number>, untilOn: (node: string, fromUs: number) => number): void {
  const trace = tl.trace;
  const tab = tableOf(trace, 'msg');
  if (!tab) return;
  const kind = strIds(tab, 'kind')!;
  const from = strIds(tab, 'from')!;
  const ids = numColumn(tab, 'id')!;
  const lsns = numColumn(tab, 'lsn');
  const keys = numColumn(tab, 'key');
  const sendUs = tl.msgs.sendUs;
  const rows: number[] = [];
  const kWrite = stringId(trace, 'write');
  const kWriteAck = stringId(trace, 'write-ack');
  for (const row of rowsOf(ix.msgByOp, path.op)) if (kind[row] === kWrite || kind[row] === kWriteAck) rows.push(row);
  const c = path.commit;
  if (c) {
    for (const row of rowsOf(ix.logByLsn, c.lsn)) {
      if (keys?.[row] !== path.key) continue;
      const s = sendUs[row];
      const sender = trace.strings[from[row]];
      const since = sender === c.node ? c.tUs : received.get(sender);
      if (since !== undefined && s >= since && s >= c.tUs && s < untilOn(sender, since)) rows.push(row);
    }
    for (const [node, at] of received) {
      const acks = rowsOf(ix.replAckByFrom, stringId(trace, node));
      // The node's acks are in send order: skip to its receipt, then the first at or past the LSN.
      let lo = 0;
      let hi = acks.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (sendUs[acks[mid]] < at) lo = mid + 1;
        else hi = mid;
      }
      while (lo < acks.length && !(lsns![acks[lo]] >= c.lsn)) lo++;
      if (lo < acks.length) rows.push(acks[lo]);
    }
  }
  rows.sort((a, b) => a - b);
  for (const row of rows) {
    path.msgIds.add(ids[row]);
    path.msgIndexes.push(row);
  }
}

/** Reads of the key replied at or after the write's issue, and their messages. */
function collectReads(tl: Timeline, ix: RunIndex, path: WritePath): void {
  const trace = tl.trace;
  const tab = tableOf(trace, 'read.done');
  const ops = numColumn(tab, 'op');
  if (!tab || !ops) return;
  // tl.reads row i is read.done row i (both in reply order).
  const rows = Array.from(rowsOf(ix.readsByKey, path.key)).filter((row) => tl.reads.tUs[row] >= path.issueUs);
  path.reads = Uint32Array.from(rows);
  const mtab = tableOf(trace, 'msg');
  if (!mtab || rows.length === 0) return;
  const kind = strIds(mtab, 'kind')!;
  const ids = numColumn(mtab, 'id')!;
  const kRead = stringId(trace, 'read');
  const kReply = stringId(trace, 'read-reply');
  for (const row of rows) {
    for (const m of rowsOf(ix.msgByOp, ops[row])) if (kind[m] === kRead || kind[m] === kReply) path.readMsgIds.add(ids[m]);
  }
}
