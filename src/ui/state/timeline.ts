import type { TraceRecord } from '../../model/trace.ts';
import type { Report } from '../../metrics/report.ts';
import { applyRecord, cloneCore, initialCore } from './core.ts';
import type { Checkpoint, CommitInfo, Marker, Msg, ReadDone, Timeline } from './types.ts';

/** Records between checkpoints: bounds the work of any seek to this many record applications. */
export const CHECKPOINT_EVERY = 512;

export interface TimelineOptions {
  checkpointEvery?: number;
  /** The run's report (whole-run figures and the lag series). */
  report?: Report | null;
}

/**
 * Indexes a trace once so that the state at any time can be derived quickly: messages with
 * their end times resolved, reads, commits, markers, and a checkpoint every N records.
 */
export function buildTimeline(records: TraceRecord[], options: TimelineOptions = {}): Timeline {
  const every = options.checkpointEvery ?? CHECKPOINT_EVERY;
  const meta = records.find((r) => r.type === 'meta');
  const nodes = meta?.type === 'meta' ? meta.nodes : inferNodes(records);
  const nodeIds = nodes.map((n) => n.id);
  const nodeIndex = new Map(nodeIds.map((id, i) => [id, i]));
  const groups = meta?.type === 'meta' ? meta.groups : [];
  const timesUs = new Float64Array(records.length);
  const lastUs = records.length ? records[records.length - 1].t : 0;
  const durationUs = meta?.type === 'meta' ? meta.durationUs : lastUs;

  const tl: Timeline = {
    records,
    report: options.report ?? null,
    timesUs,
    nodeIds,
    nodeIndex,
    groups,
    agents: [],
    durationUs,
    endUs: Math.max(durationUs, lastUs),
    scenario: meta?.type === 'meta' ? meta.scenario : '',
    seed: meta?.type === 'meta' ? meta.seed : '',
    replication: meta?.type === 'meta' ? meta.replication : '',
    msgs: [],
    msgById: new Map(),
    checkpoints: [],
    checkpointEvery: every,
    reads: [],
    readsByNode: new Map(nodeIds.map((id) => [id, []])),
    commits: new Map(),
    writeAcks: [],
    markers: [],
    narration: [],
    linkChanges: [],
    links: [],
  };
  indexRecords(tl);
  buildCheckpoints(tl, nodes);
  return tl;
}

function inferNodes(records: TraceRecord[]): { id: string; role: string }[] {
  const seen = new Map<string, string>();
  for (const r of records) if (r.type === 'node.state' && !seen.has(r.node)) seen.set(r.node, r.role);
  return [...seen].map(([id, role]) => ({ id, role }));
}

function indexRecords(tl: Timeline): void {
  const linkSet = new Set<string>();
  let sawStale = false;
  tl.records.forEach((r, i) => {
    tl.timesUs[i] = r.t;
    switch (r.type) {
      case 'msg': {
        const m: Msg = {
          id: r.id, kind: r.kind, from: r.from, to: r.to, sendUs: r.t, deliverUs: r.deliverAt,
          endUs: r.deliverAt, op: r.op, lsn: r.lsn, key: r.key, rec: i,
        };
        tl.msgById.set(r.id, tl.msgs.length);
        tl.msgs.push(m);
        linkSet.add(r.from < r.to ? `${r.from}|${r.to}` : `${r.to}|${r.from}`);
        return;
      }
      case 'msg.drop': {
        const m = tl.msgs[tl.msgById.get(r.id) ?? -1];
        if (m) {
          m.endUs = Math.min(m.endUs, r.t);
          m.dropReason = r.reason;
        }
        return;
      }
      case 'write.commit': {
        const info: CommitInfo = { tUs: r.t, node: r.node, term: r.term, key: r.key, op: r.op };
        const list = tl.commits.get(r.lsn);
        if (list) list.push(info);
        else tl.commits.set(r.lsn, [info]);
        return;
      }
      case 'write.ack':
        tl.writeAcks.push({ tUs: r.t, latencyUs: r.latencyUs });
        return;
      case 'read.done': {
        const rd: ReadDone = {
          tUs: r.t, rec: i, node: r.node, group: r.group, key: r.key, version: r.version,
          required: r.required, stale: r.stale, versionsBehind: r.versionsBehind,
          timeBehindUs: r.timeBehindUs, rywViolation: r.rywViolation,
          monotonicViolation: r.monotonicViolation, latencyUs: r.latencyUs,
        };
        tl.readsByNode.get(r.node)?.push(tl.reads.length);
        tl.reads.push(rd);
        if (r.stale && !sawStale) {
          sawStale = true;
          // A read counts when its reply reaches the client (read.done), on every panel.
          tl.markers.push({ tUs: rd.tUs, kind: 'stale', label: `First stale read (${r.node}, ${r.versionsBehind} behind)` });
        }
        return;
      }
      case 'fault':
        tl.markers.push({ tUs: r.t, kind: 'fault', label: `${r.kind} ${r.nodes.join(', ')}${r.detail ? ` — ${r.detail}` : ''}` });
        return;
      case 'failover':
        tl.markers.push({ tUs: r.t, kind: 'failover', step: r.step, label: `Failover ${r.step}${r.to ? ` → ${r.to}` : ''}${r.detail ? ` — ${r.detail}` : ''}` });
        return;
      case 'mode.state':
        tl.markers.push({ tUs: r.t, kind: 'failover', step: 'mode', label: r.waiting ? `${r.node}: semi-sync back on` : `${r.node}: semi-sync timed out → async (${r.waitingCommits} waiting commits released)` });
        return;
      case 'fence':
        if (r.fenced && r.cause !== 'switchover') tl.markers.push({ tUs: r.t, kind: 'failover', step: 'fenced', label: `${r.node} fenced (${r.cause})` });
        return;
      case 'rollback':
        tl.markers.push({ tUs: r.t, kind: 'failover', step: 'rollback', label: `${r.node} rolls back ${r.entries} entries to LSN ${r.toLsn}` });
        return;
      case 'write.lost':
        tl.markers.push({ tUs: r.t, kind: 'lost', node: r.node, label: `Write LSN ${r.lsn} lost on ${r.node}` });
        return;
      case 'link':
        tl.linkChanges.push({ tUs: r.t, from: r.from, to: r.to, up: r.up });
        return;
      case 'narration':
        tl.narration.push({ tUs: r.t, text: r.text });
        return;
      default:
        return;
    }
  });
  tl.markers.sort((a, b) => a.tUs - b.tUs);
  tl.links = [...linkSet].map((s) => s.split('|') as [string, string]);
  const known = new Set([...tl.nodeIds, ...tl.groups]);
  tl.agents = [...new Set(tl.links.flat())].filter((id) => !known.has(id)).sort();
}

function buildCheckpoints(tl: Timeline, nodes: { id: string; role: string }[]): void {
  const core = initialCore(nodes);
  let alive: number[] = [];
  let nextMsg = 0;
  const push = (atUs: number) => {
    alive = alive.filter((mi) => tl.msgs[mi].endUs > atUs);
    tl.checkpoints.push({ core: cloneCore(core), atUs, alive: alive.slice() } satisfies Checkpoint);
  };
  push(0);
  for (let i = 0; i < tl.records.length; i++) {
    const r = tl.records[i];
    applyRecord(core, r, tl.nodeIndex);
    if (r.type === 'msg') alive.push(nextMsg++);
    if ((i + 1) % tl.checkpointEvery === 0) push(r.t);
  }
}
