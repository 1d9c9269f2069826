import { numColumn, tableOf } from '../trace/columns.ts';
import type { TraceColumns, TypeTable } from '../trace/columns.ts';
import type { Timeline } from './types.ts';
import type { FollowEvent, WritePath } from './follow.ts';

/**
 * Builds a followed write's path (types and queries in follow.ts): one pass over the typed
 * columns of the record types involved, cached per (run, write). Loaded on demand.
 */

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

