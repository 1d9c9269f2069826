import type { LogEntry } from '../model/log-entry.ts';
import type { Envelope } from '../model/envelope.ts';
import { unhandled } from '../model/message.ts';
import type { DbNode } from '../model/node.ts';
import type { FailoverStepDetail, WorldObserver } from '../model/observer.ts';
import type { ReadOp, WriteOp } from '../model/ops.ts';
import type { ConnCloseCause, ConnEnd, FailoverStep, FenceCause, LinkCause, ModeStateCause, PrimaryChangeCause, RollbackSource, TraceRecord, TraceSink } from '../model/trace.ts';
import type { ClientGroup } from '../model/client-group.ts';
import type { MonitorSample } from '../model/monitor/lag-monitor.ts';
import { lsnOf } from '../model/version.ts';
import type { MetricsCollector } from './collector.ts';

/**
 * Forwards every observation to the metrics collector, then writes it to the trace. The
 * collector goes first so a read's trace record can carry the checker's verdict.
 */
export class TraceRecorder implements WorldObserver {
  /** `write.lost` records the checker found during the current call, written after its own record. */
  private lostPending: TraceRecord[] = [];

  constructor(
    private readonly metrics: MetricsCollector,
    private readonly sink: TraceSink,
    private readonly groupNames: string[],
    /** The world's client groups, for session tokens on read.issue (optional). */
    private readonly groups?: readonly ClientGroup[],
    /** The scenario's replication mode (async, semi-sync, sync), named on mode.state records. */
    private readonly mode = '',
  ) {
    metrics.onLostWrite = (w, now) => {
      this.lostPending.push({ t: now, type: 'write.lost', op: w.op, lsn: w.lsn, node: w.node, term: w.term, cause: w.cause });
    };
    metrics.phantoms.keepReadIds();
    metrics.onPhantomRead = (op, lsn, term, now) => {
      this.lostPending.push({ t: now, type: 'read.phantom', op, lsn, term });
    };
  }

  /** Writes what the checker found, so the record of what revealed a loss precedes it. */
  private flushLost(): void {
    if (this.lostPending.length === 0) return;
    for (const r of this.lostPending) this.sink(r);
    this.lostPending = [];
  }

  writeIssued(op: WriteOp, to: string, now: number): void {
    this.metrics.writeIssued();
    this.sink({ t: now, type: 'write.issue', op: op.id, group: this.groupNames[op.groupIndex], session: op.session, key: op.key, to });
  }
  writeCommitted(node: DbNode, entry: LogEntry, now: number): void {
    this.metrics.writeCommitted(node, entry, now);
    this.sink({ t: now, type: 'write.commit', node: node.id, op: entry.op.id, lsn: entry.lsn, term: entry.term, key: entry.key, group: entry.commitGroup });
    this.flushLost();
  }
  lockWaited(node: DbNode, op: WriteOp, holder: number, now: number): void {
    this.metrics.lockWaited();
    this.sink({ t: now, type: 'lock.wait', node: node.id, op: op.id, key: op.key, holder });
  }
  lockGranted(node: DbNode, op: WriteOp, waitedUs: number, now: number): void {
    this.metrics.lockGranted(node, op, waitedUs);
    this.sink({ t: now, type: 'lock.grant', node: node.id, op: op.id, key: op.key, waitedUs });
  }
  locksDropped(node: DbNode, waiting: number, now: number): void {
    this.sink({ t: now, type: 'lock.drop', node: node.id, waiting });
  }
  writeAcked(op: WriteOp, now: number): void {
    this.metrics.writeAcked(op, now);
    const group = this.groupNames[op.groupIndex];
    this.sink({ t: now, type: 'write.ack', op: op.id, group, session: op.session, key: op.key, lsn: op.lsn, latencyUs: now - op.issueUs });
  }
  writeFailed(op: WriteOp, reason: string, now: number): void {
    this.metrics.writeFailed();
    this.sink({ t: now, type: 'write.fail', op: op.id, group: this.groupNames[op.groupIndex], reason });
  }
  entryReceived(node: DbNode, entry: LogEntry, now: number): void {
    this.metrics.entryReceived(node, entry, now);
    this.sink({ t: now, type: 'entry.receive', node: node.id, lsn: entry.lsn });
    this.flushLost();
  }
  logTruncated(node: DbNode, lastLsn: number, now: number): void {
    this.metrics.logTruncated(node, lastLsn, now);
    this.flushLost();
  }
  entryApplied(node: DbNode, entry: LogEntry, now: number): void {
    this.metrics.entryApplied(node, entry, now);
    this.sink({ t: now, type: 'entry.apply', node: node.id, lsn: entry.lsn, key: entry.key, delayUs: now - entry.commitUs });
  }
  applyStarted(node: DbNode, entry: LogEntry, startUs: number, dependsOnLsn: number, now: number): void {
    this.sink({ t: now, type: 'entry.dispatch', node: node.id, lsn: entry.lsn, key: entry.key, startUs, dependsOn: dependsOnLsn });
  }
  readIssued(op: ReadOp, now: number): void {
    this.metrics.readIssued(op);
    const required = lsnOf(this.metrics.checker.requiredFor(op));
    const g = this.groups?.[op.groupIndex];
    this.sink({
      t: now,
      type: 'read.issue',
      op: op.id,
      group: this.groupNames[op.groupIndex],
      session: op.session,
      key: op.key,
      to: op.routedTo,
      required,
      reason: op.reason,
      policy: g ? g.routing.reads : '',
      ...(op.maxLagUs >= 0 ? { maxLagUs: op.maxLagUs, lagUs: op.lagUs } : {}),
      token: lsnOf(op.minVersion),
      ...(g ? { writeToken: lsnOf(g.lastWriteVersion[op.session]), readToken: lsnOf(g.lastReadVersion[op.session]) } : {}),
    });
  }
  readServed(op: ReadOp, node: DbNode, now: number): void {
    this.metrics.readServed(op, node);
    this.sink({ t: now, type: 'read.serve', op: op.id, node: node.id, key: op.key, version: lsnOf(op.version) });
  }
  readCompleted(op: ReadOp, now: number): void {
    this.metrics.readCompleted(op, now);
    const v = this.metrics.checker.last;
    this.sink({
      t: now,
      type: 'read.done',
      op: op.id,
      group: this.groupNames[op.groupIndex],
      session: op.session,
      node: op.servedBy,
      key: op.key,
      version: lsnOf(op.version),
      required: lsnOf(v.required),
      stale: v.stale,
      versionsBehind: v.versionsBehind,
      timeBehindUs: v.timeBehindUs,
      rywViolation: v.rywViolation,
      monotonicViolation: v.monotonicViolation,
      latencyUs: now - op.issueUs,
      ...(op.heldSinceUs !== undefined ? { waitedUs: op.waitedUs ?? 0 } : {}),
      ...(op.fellBack ? { fellBack: true } : {}),
    });
    this.flushLost();
  }
  readHeld(op: ReadOp, node: DbNode, now: number): void {
    const timeoutUs = op.waitUs === undefined || op.waitUs === Infinity ? null : op.waitUs;
    this.sink({ t: now, type: 'read.wait', op: op.id, node: node.id, token: lsnOf(op.minVersion), timeoutUs });
  }
  readFellBack(op: ReadOp, from: string, to: string, now: number): void {
    this.sink({ t: now, type: 'read.fallback', op: op.id, from, to, waitedUs: op.waitedUs ?? 0 });
  }
  monitorSampled(s: MonitorSample, now: number): void {
    this.sink({
      t: now,
      type: 'monitor',
      node: s.node.id,
      trueLagUs: s.trueLagUs,
      lsnLag: s.lsnLag,
      secondsBehindUs: s.secondsBehindUs,
      appliedLsn: lsnOf(s.appliedVersion),
      secondsBehindSource: s.secondsBehindSource,
      ioRunning: s.ioRunning,
      routedLagUs: s.routedLagUs === Infinity ? null : s.routedLagUs,
      ...(s.pgStat ? { writeLagUs: s.pgStat.writeLagUs, flushLagUs: s.pgStat.flushLagUs, replayLagUs: s.pgStat.replayLagUs } : {}),
    });
  }
  readFailed(op: ReadOp, reason: string, now: number): void {
    this.metrics.readFailed(op);
    this.sink({ t: now, type: 'read.fail', op: op.id, group: this.groupNames[op.groupIndex], reason });
  }
  messageSent(msg: Envelope, now: number): void {
    const rec: Extract<TraceRecord, { type: 'msg' }> = { t: now, type: 'msg', id: msg.id, kind: msg.payload.type, from: msg.from, to: msg.to, deliverAt: msg.time };
    const p = msg.payload;
    switch (p.type) {
      case 'write':
      case 'write-ack':
      case 'read':
      case 'read-reply':
        rec.op = p.op.id;
        break;
      case 'log':
        rec.lsn = p.entry.lsn;
        rec.key = p.entry.key;
        break;
      case 'repl-ack':
        rec.lsn = p.lsn;
        rec.term = p.term;
        break;
      case 'standby-status':
        rec.lsn = p.applyLsn;
        rec.term = p.term;
        break;
      case 'subscribe':
        rec.lsn = p.lastLsn;
        break;
      case 'keepalive':
      case 'reset':
        break;
      case 'replconf':
        rec.lsn = p.lsn;
        break;
      case 'ping':
        rec.seq = p.seq;
        rec.term = p.term;
        break;
      case 'pong':
        rec.seq = p.seq;
        rec.term = p.term;
        rec.lsn = p.lastLsn;
        break;
      case 'status-request':
      case 'promote':
      case 'promote-ack':
        rec.attempt = p.attempt;
        rec.term = p.term;
        break;
      case 'status':
        rec.attempt = p.attempt;
        rec.lsn = p.lastLsn;
        break;
      case 'promoted':
        rec.attempt = p.attempt;
        rec.term = p.term;
        rec.lsn = p.lastLsn;
        break;
      case 'probe':
      case 'probe-ok':
      case 'resume-writes':
        rec.attempt = p.attempt;
        break;
      case 'stop-writes':
        rec.attempt = p.attempt;
        rec.term = p.term;
        break;
      case 'writes-stopped':
        rec.attempt = p.attempt;
        rec.lsn = p.lsn;
        break;
      case 'diverged':
        rec.term = p.term;
        rec.lsn = p.lastLsn;
        break;
      case 'not-primary':
      case 'repoint':
      case 'hello':
      case 'primary-is':
        rec.term = p.term;
        break;
      default:
        unhandled(p);
    }
    if (msg.sizeBytes !== 0) {
      rec.bytes = msg.sizeBytes;
      rec.onWireAt = msg.transmittedUs;
    }
    this.sink(rec);
  }
  messageDropped(msg: Envelope, reason: string, now: number): void {
    this.sink({ t: now, type: 'msg.drop', id: msg.id, reason });
  }
  nodeChanged(node: DbNode, now: number): void {
    this.metrics.nodeChanged(node, now);
    this.sink({ t: now, type: 'node.state', node: node.id, state: node.up ? (node.fenced ? 'fenced' : 'up') : 'down', term: node.term, role: node.role });
  }
  primaryChanged(node: DbNode | null, previous: DbNode | null, cause: PrimaryChangeCause, now: number): void {
    this.metrics.primaryChanged(node, previous, cause, now);
    this.sink({ t: now, type: 'primary.change', node: node?.id ?? null, previous: previous?.id ?? null, term: node?.term ?? 0, cause });
    this.flushLost();
  }
  linkChanged(from: string, to: string, up: boolean, cause: LinkCause, now: number): void {
    this.sink({ t: now, type: 'link', from, to, up, cause });
  }
  linkQualityChanged(from: string, to: string, latencyFactor: number, loss: number, extraDelay: boolean, now: number): void {
    this.sink({ t: now, type: 'link.quality', from, to, latencyFactor, loss, extraDelay });
  }
  linkBacklog(from: string, to: string, queuedBytes: number, drainsAtUs: number, now: number): void {
    this.sink({ t: now, type: 'link.backlog', from, to, queuedBytes, drainsAtUs });
  }
  modeStateChanged(node: DbNode, waiting: boolean, waitingCommits: number, cause: ModeStateCause, now: number): void {
    this.sink({ t: now, type: 'mode.state', node: node.id, mode: this.mode, waiting, waitingCommits, cause });
  }
  syncStandbysChanged(node: DbNode, standbys: readonly string[], now: number): void {
    this.sink({ t: now, type: 'sync.standbys', node: node.id, standbys: [...standbys] });
  }
  rolledBack(node: DbNode, primary: DbNode, fromLsn: number, toLsn: number, source: RollbackSource, now: number): void {
    this.sink({ t: now, type: 'rollback', node: node.id, primary: primary.id, term: primary.term, fromLsn, toLsn, entries: fromLsn - toLsn, source });
  }
  errantFound(node: DbNode, primary: DbNode, forkLsn: number, lastLsn: number, now: number): void {
    this.metrics.errantFound(node, primary, forkLsn, lastLsn);
    this.sink({ t: now, type: 'errant', node: node.id, primary: primary.id, count: lastLsn - forkLsn, fromLsn: forkLsn + 1, toLsn: lastLsn });
  }
  connectionClosed(primary: DbNode, replica: DbNode, end: ConnEnd, cause: ConnCloseCause, now: number): void {
    this.sink({ t: now, type: 'conn.close', primary: primary.id, replica: replica.id, end, cause });
  }
  fenceChanged(node: DbNode, fenced: boolean, cause: FenceCause, now: number): void {
    this.sink({ t: now, type: 'fence', node: node.id, fenced, cause });
  }
  fault(kind: string, nodes: string[], detail: string, now: number): void {
    this.sink({ t: now, type: 'fault', kind, nodes, detail });
  }
  failoverStep(step: FailoverStep, detail: FailoverStepDetail, now: number): void {
    this.metrics.failoverStep(step, detail, now);
    this.sink({ t: now, type: 'failover', step, from: detail.from, to: detail.to, term: detail.term, detail: detail.text });
  }
}
