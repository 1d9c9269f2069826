import type { WorkloadGroupConfig } from '../model/config.ts';
import type { FailoverStep, PrimaryChangeCause } from '../model/trace.ts';
import type { LogEntry } from '../model/log-entry.ts';
import type { DbNode } from '../model/node.ts';
import type { FailoverStepDetail, WorldObserver } from '../model/observer.ts';
import type { ReadOp, WriteOp } from '../model/ops.ts';
import { lsnOf, termOf } from '../model/version.ts';
import { ConsistencyChecker } from './consistency.ts';
import { Histogram } from './histogram.ts';
import { LagTracker } from './lag.ts';
import { LostWriteChecker, type LostWrite, type LostWriteListener } from './lost-writes.ts';
import { PhantomReads } from './phantom-reads.ts';
import type { FailoverReport } from './report.ts';

/** How often (in completed reads) session memories are pruned of versions applied everywhere. */
const PRUNE_EVERY_READS = 16384;

/** Counters of one workload group's reads. */
export interface GroupReads {
  total: number;
  stale: number;
  ryw: number;
  monotonic: number;
  primary: number;
  waited: number;
  fellBack: number;
  latencyUs: Histogram;
}

function newGroupReads(): GroupReads {
  return { total: 0, stale: 0, ryw: 0, monotonic: 0, primary: 0, waited: 0, fellBack: 0, latencyUs: new Histogram() };
}

/**
 * Observes a world and accumulates every metric of the report in constant memory (except
 * the per-interval lag series and the failover list, which grow with time, not with load).
 */
export class MetricsCollector implements WorldObserver, LostWriteListener {
  writesIssued = 0;
  writesAcked = 0;
  writesFailed = 0;
  readsIssued = 0;
  readsCompleted = 0;
  readsFailed = 0;
  readsByPrimary = 0;
  /** Reads held at a replica for a session token, and those that then fell back to the primary. */
  readsWaited = 0;
  readsFellBack = 0;
  readonly waitUs = new Histogram();
  /** Per workload group (by index): its reads' verdicts. */
  readonly groupReads: GroupReads[] = [];
  readonly writeLatencyUs = new Histogram();
  readonly readLatencyUs = new Histogram();
  readonly applyDelayUs: Histogram[];
  readonly readsByNode = new Map<string, number>();
  readonly checker: ConsistencyChecker;
  readonly lag: LagTracker;
  readonly lost: LostWriteChecker;
  /** Receives each write the checker finds lost (the trace recorder writes `write.lost`). */
  onLostWrite: ((write: LostWrite, now: number) => void) | null = null;
  /** Reads that returned a lost write's version (see PhantomReads). */
  readonly phantoms: PhantomReads;
  /** Receives each read found to have returned a lost version (the trace recorder writes `read.phantom`). */
  onPhantomRead: ((op: number, lsn: number, term: number, now: number) => void) | null = null;
  readonly failovers: FailoverReport[] = [];
  /** Failover steps as they happen, for the report and the visualizer. */
  readonly steps: { atUs: number; step: string; detail: FailoverStepDetail }[] = [];
  private primary: DbNode | null;

  constructor(
    readonly nodes: DbNode[],
    keyCount: number,
    groups: WorkloadGroupConfig[],
    seriesIntervalUs: number,
  ) {
    const base: number[] = [];
    let total = 0;
    for (const g of groups) {
      base.push(total);
      total += g.sessions;
    }
    const reads = groups.map((g) => Boolean(g.reads || g.follows || g.writes?.viewOwn));
    this.checker = new ConsistencyChecker(keyCount, base, reads);
    this.applyDelayUs = nodes.map(() => new Histogram());
    this.lag = new LagTracker(nodes, seriesIntervalUs);
    this.primary = nodes.find((n) => n.role === 'primary') ?? null;
    this.lag.setPrimary(this.primary, 0);
    this.lost = new LostWriteChecker(nodes.map((n) => n.id), this);
    if (this.primary) this.lost.primaryChanged(this.primary.index, 0);
    this.phantoms = new PhantomReads(this.lost);
    for (const n of nodes) this.readsByNode.set(n.id, 0);
  }

  writeIssued(): void {
    this.writesIssued++;
  }
  /** Writes committed by any primary (the denominator of the lock-wait fraction). */
  writesCommitted = 0;
  /** How long each write that waited for its row's lock waited (over granted waits). */
  readonly lockWaitUs = new Histogram();
  lockWaited(): void {}
  lockGranted(_node: DbNode, _op: WriteOp, waitedUs: number): void {
    this.lockWaitUs.record(waitedUs);
  }
  writeCommitted(node: DbNode, entry: LogEntry, now: number): void {
    this.writesCommitted++;
    this.checker.committed(entry);
    this.lag.committed(node, now);
    this.lost.committed(node.index, entry.lsn, entry.term, entry.op.id, now);
  }
  writeAcked(op: WriteOp, now: number): void {
    this.writesAcked++;
    this.writeLatencyUs.record(now - op.issueUs);
    this.checker.acked(op);
    if (op.term < this.newestTerm) this.ackedByDeposedPrimary++;
    this.lost.acked(op.lsn, op.term);
  }
  writeFailed(): void {
    this.writesFailed++;
  }
  entryReceived(node: DbNode, entry: LogEntry, now: number): void {
    this.lost.received(node.index, entry.lsn, entry.term, now);
  }
  logTruncated(node: DbNode, lastLsn: number, now: number): void {
    this.lost.truncated(node.index, lastLsn, now);
    this.lag.refresh(node, now);
  }
  entryApplied(node: DbNode, entry: LogEntry, now: number): void {
    this.applyDelayUs[node.index].record(now - entry.commitUs);
    this.lost.applied(node.index, entry.lsn);
    this.lag.refresh(node, now);
  }
  readIssued(op: ReadOp): void {
    this.readsIssued++;
    this.checker.issued(op);
  }
  /**
   * A read counts when its reply reaches the client (readCompleted), in every figure: total,
   * stale, per node, primary share. Served-by-primary is noted here until then, so a reply
   * lost or still in flight at the end counts nowhere and `byNode` adds up to `total`.
   */
  readServed(op: ReadOp, node: DbNode): void {
    if (node === this.primary) this.servedByPrimary.add(op.id);
  }
  private readonly servedByPrimary = new Set<number>();
  readCompleted(op: ReadOp, now: number): void {
    this.readsByNode.set(op.servedBy, (this.readsByNode.get(op.servedBy) ?? 0) + 1);
    if (this.servedByPrimary.delete(op.id)) {
      this.readsByPrimary++;
      this.group(op.groupIndex).primary++;
    }
    if (++this.readsCompleted % PRUNE_EVERY_READS === 0) {
      this.checker.prune(this.appliedFloor());
      this.phantoms.prune();
    }
    if (this.phantoms.read(op.id, op.version)) this.onPhantomRead?.(op.id, lsnOf(op.version), termOf(op.version), now);
    this.readLatencyUs.record(now - op.issueUs);
    const v = this.checker.completed(op);
    const g = this.group(op.groupIndex);
    const held = op.heldSinceUs !== undefined;
    if (held) {
      this.readsWaited++;
      this.waitUs.record(op.waitedUs ?? 0);
    }
    if (op.fellBack) this.readsFellBack++;
    g.total++;
    g.latencyUs.record(now - op.issueUs);
    if (v.stale) g.stale++;
    if (v.rywViolation) g.ryw++;
    if (v.monotonicViolation) g.monotonic++;
    if (held) g.waited++;
    if (op.fellBack) g.fellBack++;
  }
  /** The counters of group `i` (created on first use). */
  group(i: number): GroupReads {
    while (this.groupReads.length <= i) this.groupReads.push(newGroupReads());
    return this.groupReads[i];
  }
  /** The newest version every node has applied. */
  private appliedFloor(): number {
    let floor = Infinity;
    for (const n of this.nodes) floor = Math.min(floor, n.appliedVersion);
    return floor;
  }

  readFailed(op: ReadOp): void {
    this.readsFailed++;
    this.checker.abandoned(op);
  }
  messageSent(): void {}
  messageDropped(): void {}
  nodeChanged(node: DbNode, now: number): void {
    this.lag.refresh(node, now);
    this.updateWritable(now);
  }
  primaryChanged(node: DbNode | null, _previous: DbNode | null, _cause: PrimaryChangeCause, now: number): void {
    this.primary = node;
    this.lag.setPrimary(node, now);
    if (node && node.term > this.newestTerm) this.newestTerm = node.term;
    this.updateWritable(now);
    if (node) this.lost.primaryChanged(node.index, now);
  }
  fault(): void {}
  linkChanged(): void {}
  linkQualityChanged(): void {}
  modeStateChanged(): void {}
  syncStandbysChanged(): void {}
  rolledBack(): void {}
  /** Per node: errant transactions the manager last counted on it (flavor mysql). */
  readonly errantByNode = new Map<string, number>();
  errantFound(node: DbNode, _primary: DbNode, forkLsn: number, lastLsn: number): void {
    this.errantByNode.set(node.id, lastLsn - forkLsn);
  }
  fenceChanged(): void {}
  failoverStep(step: FailoverStep, detail: FailoverStepDetail, now: number): void {
    this.steps.push({ atUs: now, step, detail });
    this.recordFailoverStep(step, detail, now);
  }

  // ——— failovers, unavailability, deposed primaries ———

  /** Acknowledged writes acknowledged by a primary whose term was already superseded. */
  ackedByDeposedPrimary = 0;
  private newestTerm = 1;
  /** Time with no primary accepting writes (the router's primary down, fenced or absent). */
  private unavailableUs = 0;
  private unavailableSinceUs = -1;
  /** The failover being detected but not yet promoted, and the newest one recorded. */
  private pendingFailover: FailoverReport | null = null;
  private currentFailover: FailoverReport | null = null;

  /**
   * Builds the report's `failovers[]` from the manager's steps: `detected` opens one (its
   * `atMs` is the failure time when the manager knows it), `promoted` records it (a manual
   * promote without detection opens and records at once), `repointed` completes it, and
   * `cleared` drops a false alarm. Acknowledged writes lost from then on count against the
   * newest failover (the one whose promotion abandoned their branch).
   */
  recordFailoverStep(step: string, detail: FailoverStepDetail, now: number): void {
    const ms = now / 1000;
    if (step === 'detected') {
      this.pendingFailover = { atMs: (detail.failedAtUs ?? now) / 1000, detectedAtMs: ms, completedAtMs: -1, from: detail.from ?? '', to: '', lostWrites: 0 };
    } else if (step === 'cleared') {
      this.pendingFailover = null;
    } else if (step === 'promoted') {
      const f = this.pendingFailover ?? { atMs: ms, detectedAtMs: ms, completedAtMs: -1, from: detail.from ?? '', to: '', lostWrites: 0 };
      f.to = detail.to ?? '';
      if (!f.from) f.from = detail.from ?? '';
      this.failovers.push(f);
      this.currentFailover = f;
      // Acknowledged writes found lost from now on are charged to this failover.
      this.lost.tag = this.failovers.length - 1;
      this.pendingFailover = null;
    } else if (step === 'repointed' && this.currentFailover && this.currentFailover.completedAtMs < 0) {
      this.currentFailover.completedAtMs = ms;
    }
  }

  writeLost(write: LostWrite, now: number): void {
    this.onLostWrite?.(write, now);
    if (this.onPhantomRead) for (const op of this.phantoms.readsOfLost(write.lsn, write.term)) this.onPhantomRead(op, write.lsn, write.term, now);
  }

  lostAcknowledgedChanged(tag: number, delta: number): void {
    if (tag >= 0) this.failovers[tag].lostWrites += delta;
  }

  private updateWritable(now: number): void {
    const p = this.primary;
    const writable = p !== null && p.up && p.role === 'primary' && !p.fenced;
    if (!writable && this.unavailableSinceUs < 0) this.unavailableSinceUs = now;
    else if (writable && this.unavailableSinceUs >= 0) {
      this.unavailableUs += now - this.unavailableSinceUs;
      this.unavailableSinceUs = -1;
    }
  }

  /** Write unavailability up to `endUs`, in µs. */
  unavailableUsAt(endUs: number): number {
    return this.unavailableUs + (this.unavailableSinceUs >= 0 ? Math.max(0, endUs - this.unavailableSinceUs) : 0);
  }
}
