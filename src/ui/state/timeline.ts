import type { TraceRecord } from '../../model/trace.ts';
import type { Report } from '../../metrics/report.ts';
import { boolColumn, encodeRecords, numColumn, recordAt, strColumn, tableOf, transferables } from '../trace/columns.ts';
import type { TraceColumns } from '../trace/columns.ts';
import { applyRecord, cloneCore, initialCore } from './core.ts';
import type { Checkpoint, CommitInfo, Hold, Marker, Timeline } from './types.ts';
import { READ_FELL_BACK, READ_HELD, READ_MONO, READ_ON_PRIMARY, READ_RYW, READ_STALE } from './types.ts';

/** Records between checkpoints: bounds the work of any seek to this many record applications. */
export const CHECKPOINT_EVERY = 512;

export interface TimelineOptions {
  checkpointEvery?: number;
  /** The run's report (whole-run figures and the lag series). */
  report?: Report | null;
}

/** Record types that change the rolled-forward Core (applyRecord); the rest are skipped when checkpointing. */
const CORE_TYPES = new Set(['write.issue', 'write.commit', 'write.ack', 'write.fail', 'write.lost', 'entry.receive', 'entry.apply',
  'read.done', 'read.fail', 'node.state', 'primary.change', 'rollback', 'lock.wait', 'lock.grant', 'lock.drop']);

/** Record types indexed here by decoding them (rare ones); msg, msg.drop and read.done are read from their columns. */
const DECODED = new Set(['meta', 'write.commit', 'write.ack', 'fault', 'failover', 'mode.state', 'fence', 'rollback', 'write.lost',
  'narration', 'link', 'primary.change', 'read.wait', 'read.fallback']);

/**
 * Indexes a trace once so that the state at any time can be derived quickly: messages with
 * their end times resolved, reads, commits, markers, and a checkpoint every N records. Runs in
 * the engine worker for the page (its result is transferred), and in tests on plain records.
 */
export function buildTimeline(input: TraceColumns | readonly TraceRecord[], options: TimelineOptions = {}): Timeline {
  const trace = Array.isArray(input) ? encodeRecords(input as readonly TraceRecord[]) : (input as TraceColumns);
  const every = options.checkpointEvery ?? CHECKPOINT_EVERY;
  const metaTab = tableOf(trace, 'meta');
  const meta = metaTab && metaTab.count > 0 ? recordAt(trace, metaTab.rec[0]) : undefined;
  const m = meta?.type === 'meta' ? meta : undefined;
  const nodes = m ? m.nodes : inferNodes(trace);
  const nodeIds = nodes.map((n) => n.id);
  const lastUs = trace.count ? trace.t[trace.count - 1] : 0;
  const durationUs = m ? m.durationUs : lastUs;
  const msgTab = tableOf(trace, 'msg');
  const doneTab = tableOf(trace, 'read.done');
  const nMsgs = msgTab?.count ?? 0;
  const nReads = doneTab?.count ?? 0;

  const tl: Timeline = {
    trace,
    report: options.report ?? null,
    timesUs: trace.t,
    nodeIds,
    nodeIndex: new Map(nodeIds.map((id, i) => [id, i])),
    groups: m ? m.groups : [],
    agents: [],
    durationUs,
    endUs: Math.max(durationUs, lastUs),
    scenario: m ? m.scenario : '',
    seed: m ? m.seed : '',
    replication: m ? m.replication : '',
    msgs: {
      count: nMsgs,
      sendUs: new Float64Array(nMsgs),
      deliverUs: numColumn(msgTab, 'deliverAt')?.slice() ?? new Float64Array(nMsgs),
      endUs: numColumn(msgTab, 'deliverAt')?.slice() ?? new Float64Array(nMsgs),
      rec: msgTab ? msgTab.rec.slice() : new Uint32Array(0),
      drop: new Int32Array(nMsgs).fill(-1),
    },
    checkpoints: [],
    checkpointEvery: every,
    reads: { count: nReads, tUs: new Float64Array(nReads), rec: doneTab ? doneTab.rec.slice() : new Uint32Array(0), group: new Uint16Array(nReads), flags: new Uint8Array(nReads) },
    readGroups: [],
    readsByNode: new Map(),
    holds: [],
    commits: new Map(),
    writeAcks: [],
    markers: [],
    narration: [],
    linkChanges: [],
    links: [],
  };
  for (let i = 0; i < nMsgs; i++) tl.msgs.sendUs[i] = trace.t[tl.msgs.rec[i]];
  indexRecords(tl);
  indexReads(tl);
  buildCheckpoints(tl, nodes);
  return tl;
}

function inferNodes(trace: TraceColumns): { id: string; role: string }[] {
  const seen = new Map<string, string>();
  const tab = tableOf(trace, 'node.state');
  for (let row = 0; row < (tab?.count ?? 0); row++) {
    const r = recordAt(trace, tab!.rec[row]);
    if (r.type === 'node.state' && !seen.has(r.node)) seen.set(r.node, r.role);
  }
  return [...seen].map(([id, role]) => ({ id, role }));
}

/** Message id → index in tl.msgs (ids rise in send order), or −1. */
export function msgIndexById(tl: Timeline, id: number): number {
  const ids = numColumn(tableOf(tl.trace, 'msg'), 'id');
  if (!ids) return -1;
  let lo = 0;
  let hi = ids.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (ids[mid] < id) lo = mid + 1;
    else hi = mid;
  }
  return lo < ids.length && ids[lo] === id ? lo : -1;
}

function indexRecords(tl: Timeline): void {
  const trace = tl.trace;
  const msgTab = tableOf(trace, 'msg');
  const linkSet = new Set<string>();
  // Endpoints that carried messages: from the interned from/to pairs, without decoding a message.
  const from = msgTab?.fields.find((f) => f.name === 'from');
  const to = msgTab?.fields.find((f) => f.name === 'to');
  if (from && to && from.kind === 'str' && to.kind === 'str') {
    const a = from.data as Int32Array;
    const b = to.data as Int32Array;
    const n = trace.strings.length;
    const pairs = new Set<number>();
    for (let i = 0; i < a.length; i++) pairs.add(a[i] * n + b[i]);
    for (const p of pairs) {
      const x = trace.strings[Math.floor(p / n)];
      const y = trace.strings[p % n];
      linkSet.add(x < y ? `${x}|${y}` : `${y}|${x}`);
    }
  }
  // Dropped messages end at the drop.
  const dropTab = tableOf(trace, 'msg.drop');
  const dropIds = numColumn(dropTab, 'id');
  for (let row = 0; row < (dropTab?.count ?? 0); row++) {
    const mi = msgIndexById(tl, dropIds![row]);
    if (mi < 0) continue;
    const t = trace.t[dropTab!.rec[row]];
    if (t < tl.msgs.endUs[mi]) tl.msgs.endUs[mi] = t;
    tl.msgs.drop[mi] = dropTab!.rec[row];
  }
  const doneTab = tableOf(trace, 'read.done');
  const stale = boolColumn(doneTab, 'stale');
  const node = strColumn(trace, doneTab, 'node');
  const versionsBehind = numColumn(doneTab, 'versionsBehind');
  for (let row = 0; row < (doneTab?.count ?? 0) && stale; row++) {
    if (stale[row] !== 1) continue;
    // A read counts when its reply reaches the client (read.done), on every panel.
    const t = trace.t[doneTab!.rec[row]];
    tl.markers.push({ tUs: t, kind: 'stale', label: `First stale read (${node!(row)}, ${versionsBehind![row]} behind)` });
    break;
  }
  // The first phantom read: when the checker saw that a read had returned a write now lost.
  const phantomTab = tableOf(trace, 'read.phantom');
  if (phantomTab && phantomTab.count > 0) {
    const r = recordAt(trace, phantomTab.rec[0]);
    if (r.type === 'read.phantom') tl.markers.push({ tUs: r.t, kind: 'stale', label: `First phantom read: read #${r.op} returned LSN ${r.lsn} (term ${r.term}), a write that is now lost` });
  }
  const open = new Map<number, Hold>();
  for (let i = 0; i < trace.count; i++) {
    const type = trace.tables[trace.type[i]].type;
    if (!DECODED.has(type)) continue;
    const r = recordAt(trace, i);
    switch (r.type) {
      case 'write.commit': {
        const info: CommitInfo = { tUs: r.t, node: r.node, term: r.term, key: r.key, op: r.op };
        const list = tl.commits.get(r.lsn);
        if (list) list.push(info);
        else tl.commits.set(r.lsn, [info]);
        break;
      }
      case 'write.ack':
        tl.writeAcks.push({ tUs: r.t, latencyUs: r.latencyUs });
        break;
      case 'read.wait': {
        const h: Hold = { op: r.op, node: r.node, fromUs: r.t, untilUs: tl.endUs, token: r.token, timeoutUs: r.timeoutUs, fellBack: false };
        tl.holds.push(h);
        open.set(r.op, h);
        break;
      }
      case 'read.fallback': {
        const h = open.get(r.op);
        if (h) {
          h.untilUs = r.t;
          h.fellBack = true;
          open.delete(r.op);
        }
        break;
      }
      case 'fault':
        tl.markers.push({ tUs: r.t, kind: 'fault', label: `${r.kind} ${r.nodes.join(', ')}${r.detail ? ` — ${r.detail}` : ''}` });
        break;
      case 'failover':
        tl.markers.push({ tUs: r.t, kind: 'failover', step: r.step, label: `Failover ${r.step}${r.to ? ` → ${r.to}` : ''}${r.detail ? ` — ${r.detail}` : ''}` });
        break;
      case 'mode.state':
        tl.markers.push({ tUs: r.t, kind: 'failover', step: 'mode', label: r.waiting ? `primary ${r.node}: semi-sync back on` : `primary ${r.node}: ${r.cause === 'no-replica' ? 'no semi-sync replica connected' : 'semi-sync timed out'} → async (${r.waitingCommits} waiting commits released)` });
        break;
      case 'fence':
        if (r.fenced && r.cause !== 'switchover') tl.markers.push({ tUs: r.t, kind: 'failover', step: 'fenced', label: `${r.node} fenced (${r.cause})` });
        break;
      case 'rollback':
        tl.markers.push({ tUs: r.t, kind: 'failover', step: 'rollback', label: `${r.node} rolls back ${r.entries} entries to LSN ${r.toLsn}` });
        break;
      case 'write.lost':
        tl.markers.push({ tUs: r.t, kind: 'lost', node: r.node, label: `Write LSN ${r.lsn} lost on ${r.node}` });
        break;
      case 'link':
        tl.linkChanges.push({ tUs: r.t, from: r.from, to: r.to, up: r.up });
        break;
      case 'narration':
        tl.narration.push({ tUs: r.t, text: r.text });
        break;
      default:
        break;
    }
  }
  // A held read's hold ends when the node holding it serves it.
  if (open.size > 0) {
    const serveTab = tableOf(trace, 'read.serve');
    const ops = numColumn(serveTab, 'op');
    const serveNode = strColumn(trace, serveTab, 'node');
    for (let row = 0; row < (serveTab?.count ?? 0) && open.size > 0; row++) {
      const h = open.get(ops![row]);
      const t = trace.t[serveTab!.rec[row]];
      if (h && t >= h.fromUs && serveNode!(row) === h.node) {
        h.untilUs = t;
        open.delete(ops![row]);
      }
    }
  }
  tl.markers.sort((a, b) => a.tUs - b.tUs);
  tl.links = [...linkSet].map((s) => s.split('|') as [string, string]);
  const known = new Set([...tl.nodeIds, ...tl.groups]);
  tl.agents = [...new Set(tl.links.flat())].filter((id) => !known.has(id)).sort();
}

/** Columns of the completed reads: time, group, verdict flags, and per node their indexes. */
function indexReads(tl: Timeline): void {
  const trace = tl.trace;
  const tab = tableOf(trace, 'read.done');
  const reads = tl.reads;
  if (!tab) {
    for (const id of tl.nodeIds) tl.readsByNode.set(id, new Uint32Array(0));
    return;
  }
  const node = tab.fields.find((f) => f.name === 'node')!.data as Int32Array;
  const group = tab.fields.find((f) => f.name === 'group')!.data as Int32Array;
  const stale = boolColumn(tab, 'stale');
  const ryw = boolColumn(tab, 'rywViolation');
  const mono = boolColumn(tab, 'monotonicViolation');
  const waited = numColumn(tab, 'waitedUs');
  const fellBack = boolColumn(tab, 'fellBack');
  // Who the cluster treats as primary when each read is replied: the primary.change records.
  const pcTab = tableOf(trace, 'primary.change');
  const pcTimes: number[] = [];
  const pcNodes: (string | null)[] = [];
  for (let row = 0; row < (pcTab?.count ?? 0); row++) {
    const r = recordAt(trace, pcTab!.rec[row]);
    if (r.type !== 'primary.change') continue;
    pcTimes.push(r.t);
    pcNodes.push(r.node);
  }
  const groupIndex = new Map<number, number>();
  const perNode = new Map<number, number[]>();
  let pc = -1;
  for (let row = 0; row < tab.count; row++) {
    const t = trace.t[tab.rec[row]];
    reads.tUs[row] = t;
    let g = groupIndex.get(group[row]);
    if (g === undefined) {
      g = tl.readGroups.length;
      groupIndex.set(group[row], g);
      tl.readGroups.push(trace.strings[group[row]]);
    }
    reads.group[row] = g;
    while (pc + 1 < pcTimes.length && pcTimes[pc + 1] <= t) pc++;
    const served = trace.strings[node[row]];
    let f = 0;
    if (stale?.[row] === 1) f |= READ_STALE;
    if (ryw?.[row] === 1) f |= READ_RYW;
    if (mono?.[row] === 1) f |= READ_MONO;
    if (waited && waited[row] === waited[row]) f |= READ_HELD;
    if (fellBack?.[row] === 1) f |= READ_FELL_BACK;
    if (pc >= 0 && pcNodes[pc] === served) f |= READ_ON_PRIMARY;
    reads.flags[row] = f;
    let list = perNode.get(node[row]);
    if (!list) perNode.set(node[row], (list = []));
    list.push(row);
  }
  for (const id of tl.nodeIds) tl.readsByNode.set(id, new Uint32Array(0));
  for (const [s, list] of perNode) tl.readsByNode.set(trace.strings[s], Uint32Array.from(list));
  // Groups in the meta record's order first.
  const order = [...tl.groups.filter((g) => tl.readGroups.includes(g)), ...tl.readGroups.filter((g) => !tl.groups.includes(g))];
  if (order.join('|') !== tl.readGroups.join('|')) {
    const remap = tl.readGroups.map((g) => order.indexOf(g));
    for (let row = 0; row < tab.count; row++) reads.group[row] = remap[reads.group[row]];
    tl.readGroups = order;
  }
}

function buildCheckpoints(tl: Timeline, nodes: { id: string; role: string }[]): void {
  const trace = tl.trace;
  const core = initialCore(nodes);
  const coreType = trace.tables.map((t) => CORE_TYPES.has(t.type));
  let alive: number[] = [];
  let nextMsg = 0;
  const push = (atUs: number) => {
    alive = alive.filter((mi) => tl.msgs.endUs[mi] > atUs);
    tl.checkpoints.push({ core: cloneCore(core), atUs, alive: alive.slice() } satisfies Checkpoint);
  };
  push(0);
  for (let i = 0; i < trace.count; i++) {
    if (coreType[trace.type[i]]) applyRecord(core, recordAt(trace, i), tl.nodeIndex);
    else core.applied++;
    if (nextMsg < tl.msgs.count && tl.msgs.rec[nextMsg] === i) alive.push(nextMsg++);
    if ((i + 1) % tl.checkpointEvery === 0) push(trace.t[i]);
  }
}

/** Every typed-array buffer of a timeline, once each: postMessage's transfer list. */
export function timelineBuffers(tl: Timeline): ArrayBuffer[] {
  const out = new Set<ArrayBuffer>(transferables(tl.trace));
  const add = (a: { buffer: ArrayBufferLike }) => out.add(a.buffer as ArrayBuffer);
  for (const a of [tl.timesUs, tl.msgs.sendUs, tl.msgs.deliverUs, tl.msgs.endUs, tl.msgs.rec, tl.msgs.drop, tl.reads.tUs, tl.reads.rec, tl.reads.group, tl.reads.flags]) add(a);
  for (const a of tl.readsByNode.values()) add(a);
  return [...out];
}
