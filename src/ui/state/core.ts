import type { TraceRecord } from '../../model/trace.ts';
import type { Core, NodeCore } from './types.ts';

export function initialCore(nodes: { id: string; role: string }[]): Core {
  return {
    applied: 0,
    nodes: nodes.map((n) => ({
      role: n.role,
      state: 'up',
      up: true,
      term: 1,
      committedLsn: 0,
      receivedLsn: 0,
      appliedLsn: 0,
      lockWaits: 0,
    })),
    // Until the first primary.change record (at t = 0) there is none.
    primary: -1,
    counters: {
      writesIssued: 0,
      writesAcked: 0,
      writesFailed: 0,
      writesLost: 0,
      readsTotal: 0,
      readsFailed: 0,
      readsStale: 0,
      rywViolations: 0,
      monotonicViolations: 0,
      failovers: 0,
    },
    readsByNode: nodes.map(() => 0),
  };
}

export function cloneCore(c: Core): Core {
  return {
    applied: c.applied,
    nodes: c.nodes.map((n): NodeCore => ({ ...n })),
    primary: c.primary,
    counters: { ...c.counters },
    readsByNode: c.readsByNode.slice(),
  };
}

/**
 * Rolls `core` forward by one record. The only place that decides what a record means for
 * a node's positions, so the checkpoints and the live frame can never disagree.
 */
export function applyRecord(core: Core, r: TraceRecord, nodeIndex: Map<string, number>): void {
  core.applied++;
  switch (r.type) {
    case 'write.issue':
      core.counters.writesIssued++;
      return;
    case 'write.commit': {
      const n = core.nodes[nodeIndex.get(r.node) ?? -1];
      if (!n) return;
      n.committedLsn = Math.max(n.committedLsn, r.lsn);
      // The primary's own log holds what it commits: it has "received" and "applied" it.
      n.receivedLsn = Math.max(n.receivedLsn, r.lsn);
      n.appliedLsn = Math.max(n.appliedLsn, r.lsn);
      n.term = Math.max(n.term, r.term);
      return;
    }
    case 'write.ack':
      core.counters.writesAcked++;
      return;
    case 'write.fail':
      core.counters.writesFailed++;
      return;
    case 'write.lost':
      core.counters.writesLost++;
      return;
    case 'entry.receive': {
      const n = core.nodes[nodeIndex.get(r.node) ?? -1];
      if (n) n.receivedLsn = Math.max(n.receivedLsn, r.lsn);
      return;
    }
    case 'entry.apply': {
      const n = core.nodes[nodeIndex.get(r.node) ?? -1];
      if (n) n.appliedLsn = Math.max(n.appliedLsn, r.lsn);
      return;
    }
    case 'read.done': {
      core.counters.readsTotal++;
      if (r.stale) core.counters.readsStale++;
      if (r.rywViolation) core.counters.rywViolations++;
      if (r.monotonicViolation) core.counters.monotonicViolations++;
      const i = nodeIndex.get(r.node);
      if (i !== undefined) core.readsByNode[i]++;
      return;
    }
    case 'read.fail':
      core.counters.readsFailed++;
      return;
    case 'node.state':
      applyNodeState(core, r, nodeIndex);
      return;
    case 'primary.change':
      core.primary = r.node === null ? -1 : nodeIndex.get(r.node) ?? -1;
      if (r.cause !== 'start') core.counters.failovers++;
      return;
    case 'rollback':
      applyRollback(core, r, nodeIndex);
      return;
    case 'lock.wait':
    case 'lock.grant':
    case 'lock.drop': {
      const n = core.nodes[nodeIndex.get(r.node) ?? -1];
      if (n) n.lockWaits = r.type === 'lock.wait' ? n.lockWaits + 1 : r.type === 'lock.grant' ? Math.max(0, n.lockWaits - 1) : 0;
      return;
    }
    default:
      return;
  }
}

/**
 * A returning old primary drops the entries the new primary never had, back to `toLsn`.
 */
function applyRollback(core: Core, r: Extract<TraceRecord, { type: 'rollback' }>, nodeIndex: Map<string, number>): void {
  const n = core.nodes[nodeIndex.get(r.node) ?? -1];
  if (!n) return;
  const lsn = r.toLsn;
  n.receivedLsn = Math.min(n.receivedLsn, lsn);
  n.appliedLsn = Math.min(n.appliedLsn, lsn);
  n.committedLsn = Math.min(n.committedLsn, lsn);
}

/** The node the cluster treats as primary (the last primary.change record), or -1. */
export function primaryOf(core: Core): number {
  return core.primary;
}

function applyNodeState(
  core: Core,
  r: Extract<TraceRecord, { type: 'node.state' }>,
  nodeIndex: Map<string, number>,
): void {
  const i = nodeIndex.get(r.node);
  if (i === undefined) return;
  const n = core.nodes[i];
  n.state = r.state;
  n.up = r.state !== 'down';
  n.term = r.term;
  if (r.role) {
    n.role = r.role;
    // A promoted replica commits from the end of its own log.
    if (r.role === 'primary') n.committedLsn = Math.max(n.committedLsn, n.receivedLsn);
  }
}
