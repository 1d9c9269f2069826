import { TAG_ARRIVAL } from './events.ts';
import type { Arrival } from './events.ts';
import type { ClientGroup } from './client-group.ts';
import type { PrimaryIsMsg, ReadReplyMsg, WriteAckMsg, WriteRefusal } from './message.ts';
import type { ReadOp, WriteOp } from './ops.ts';
import type { World } from './world-api.ts';
import type { ClientsConfig } from './config.ts';
import type { DbNode } from './node.ts';
import { makeReadPolicy, type ReadPolicy, type RoutingView } from './routing/index.ts';

/**
 * The clients' side: Poisson arrivals of writes and reads per group, writes sent to the
 * primary the router knows, reads sent where the group's routing policy says, and the
 * follow-up reads that acknowledged uploads trigger (the uploader viewing their own photo,
 * followers viewing it a little later).
 */
export class ClientLogic {
  private readonly retry: ClientsConfig;
  /**
   * Per group: its router, i.e. the primary it sends writes (and primary reads) to, as it last
   * heard from the failover manager, and that primary's term. The router is part of the
   * client library (a smart driver, or ProxySQL/HAProxy beside the application): it starts
   * from the configured topology and learns of every promotion only from the manager's
   * `primary-is` message, so a group cut off from the manager keeps writing to the primary
   * it knew (which is how split brain gets clients).
   */
  private readonly knownPrimary: (DbNode | null)[] = [];
  private readonly knownTerm: number[] = [];
  /** Per group: the read targets the router last heard of (from the manager's `primary-is`). */
  private readonly knownReplicas: DbNode[][] = [];
  /** Per group: what its read routing policy sees (this router's primary; the monitor's lag). */
  private readonly views: RoutingView[] = [];
  /** Per group: its read routing policy. */
  private readonly policies: ReadPolicy[] = [];
  /** Per group: write attempts awaiting an answer, in send order, with their deadlines. */
  private readonly pending: { op: WriteOp; deadlineUs: number }[][] = [];
  private readonly pendingHead: number[] = [];
  private readonly timeoutArmed: boolean[] = [];

  constructor(private readonly w: World) {
    this.retry = w.config.clients;
    for (let i = 0; i < w.groups.length; i++) {
      const g = w.groups[i];
      this.policies.push(makeReadPolicy(g.routing, w.rng.get(`route/${g.name}`)));
      this.knownPrimary.push(null);
      this.knownTerm.push(0);
      this.views.push({
        now: () => w.now,
        primary: () => this.knownPrimary[i],
        replicas: () => this.knownReplicas[i],
        monitoredLagUs: (node) => w.monitor.lagUs(node),
        monitoredAppliedVersion: (node) => w.monitor.appliedVersion(node),
      });
    }
  }

  /** `primary` and `replicas`: the configured topology, where every router starts. */
  start(primary: DbNode | null, replicas: readonly DbNode[]): void {
    for (const g of this.w.groups) {
      this.knownPrimary[g.groupIndex] = primary;
      this.knownReplicas[g.groupIndex] = [...replicas];
      this.knownTerm[g.groupIndex] = primary?.term ?? 0;
      if (g.writeArrivals) this.schedule({ time: 0, groupIndex: g.groupIndex, op: 'write' });
      if (g.readArrivals) this.schedule({ time: 0, groupIndex: g.groupIndex, op: 'read' });
    }
  }

  /** Reuses the arrival event for the group's next arrival, if it falls within the run. */
  private schedule(ev: Arrival): void {
    const g = this.w.groups[ev.groupIndex];
    const next = ev.op === 'write' ? g.writeArrivals!.next() : g.readArrivals!.next();
    if (next > this.w.config.durationUs) return;
    ev.time = next;
    this.w.queue.schedule(ev, next, TAG_ARRIVAL);
  }

  arrival(ev: Arrival): void {
    const g = this.w.groups[ev.groupIndex];
    const session = g.pickSession();
    if (ev.op === 'write') this.issueWrite(g, session, g.writeKey!());
    else this.issueRead(g, session, g.readKey!());
    this.schedule(ev);
  }

  issueWrite(g: ClientGroup, session: number, key: number): WriteOp {
    const w = this.w;
    const op: WriteOp = {
      id: w.nextOpId(),
      groupIndex: g.groupIndex,
      session,
      key,
      issueUs: w.now,
      lsn: 0,
      term: 0,
      version: 0,
      keySeq: 0,
      attempts: 1,
      ackUs: -1,
    };
    if (g.writeCost) op.cost = g.writeCost();
    this.sendWrite(g, op);
    return op;
  }

  /**
   * Sends one attempt of a write to the router's current primary. Each attempt is its own
   * op (its own id): an attempt that fails, is refused or times out is reported failed, and
   * a retry is a new attempt with the same key, session and issue time (so write latency
   * includes the retries). A reply to an attempt the client gave up on is ignored: that
   * write was never acknowledged, even if a primary committed it.
   */
  private sendWrite(g: ClientGroup, op: WriteOp): void {
    const w = this.w;
    const target = this.knownPrimary[g.groupIndex];
    w.observer.writeIssued(op, target?.id ?? '', w.now);
    if (!target) return this.attemptFailed(g, op, 'no primary');
    w.send(g, target, { type: 'write', op });
    const timeout = this.retry.writeTimeoutUs;
    if (timeout > 0) {
      const gi = g.groupIndex;
      (this.pending[gi] ??= []).push({ op, deadlineUs: w.now + timeout });
      if (!this.timeoutArmed[gi]) this.armTimeout(g);
    }
  }

  /**
   * Write timeouts. Every attempt has the same timeout, so deadlines come in send order and
   * one timer per group, set for the oldest attempt still unanswered, does the work of a
   * timer per write (which would double the events of a write-heavy run).
   */
  private armTimeout(g: ClientGroup): void {
    const gi = g.groupIndex;
    const queue = this.pending[gi];
    let head = this.pendingHead[gi] ?? 0;
    while (head < queue.length && queue[head].op.ackUs !== -1) head++; // answered already
    this.compactPending(gi, head);
    head = this.pendingHead[gi];
    this.timeoutArmed[gi] = head < queue.length;
    if (!this.timeoutArmed[gi]) return;
    this.w.at(queue[head].deadlineUs, () => this.expireTimeouts(g));
  }

  private expireTimeouts(g: ClientGroup): void {
    const gi = g.groupIndex;
    const queue = this.pending[gi];
    let head = this.pendingHead[gi];
    while (head < queue.length && queue[head].deadlineUs <= this.w.now) {
      const { op } = queue[head++];
      this.pendingHead[gi] = head;
      if (op.ackUs === -1) this.attemptFailed(g, op, 'timed out');
    }
    this.armTimeout(g);
  }

  private compactPending(gi: number, head: number): void {
    const queue = this.pending[gi];
    if (head > 1024 && head * 2 > queue.length) {
      this.pending[gi] = queue.slice(head);
      head = 0;
    }
    this.pendingHead[gi] = head;
  }

  /** Marks the attempt failed (ackUs = -2) and retries while attempts remain. */
  private attemptFailed(g: ClientGroup, op: WriteOp, reason: string): void {
    const w = this.w;
    op.ackUs = -2;
    w.observer.writeFailed(op, reason, w.now);
    if (op.attempts > this.retry.writeRetries || w.now > w.config.durationUs) return;
    w.after(this.retry.retryDelayUs, () => {
      const next: WriteOp = { ...op, id: w.nextOpId(), lsn: 0, term: 0, version: 0, keySeq: 0, attempts: op.attempts + 1, ackUs: -1 };
      this.sendWrite(g, next);
    });
  }

  writeReplied(msg: WriteAckMsg): void {
    const w = this.w;
    const op = msg.op;
    if (op.ackUs !== -1) return; // the client already gave up on this attempt
    if (msg.outcome !== 'ok') {
      this.attemptFailed(w.groups[op.groupIndex], op, REFUSAL_TEXT[msg.outcome]);
      return;
    }
    const g = w.groups[op.groupIndex];
    op.ackUs = w.now;
    if (op.version > g.lastWriteVersion[op.session]) g.lastWriteVersion[op.session] = op.version;
    g.lastWriteAckUs[op.session] = w.now;
    w.observer.writeAcked(op, w.now);
    this.followUp(g, op);
  }

  /** The uploader views their own upload; each follower group views it later. */
  private followUp(g: ClientGroup, op: WriteOp): void {
    const w = this.w;
    const own = g.config.writes?.viewOwn;
    if (own && g.viewOwnRng() < own.probability) {
      const delay = g.viewOwnDelay!();
      w.after(delay, () => this.issueRead(g, op.session, op.key));
    }
    for (const f of g.followers) {
      const n = f.config.follows!.readsPerWrite;
      for (let i = 0; i < n; i++) {
        const delay = f.followDelay!();
        const session = f.pickSession();
        w.after(delay, () => this.issueRead(f, session, op.key));
      }
    }
  }

  /** The client notices a lost request or reply only by its timeout (unless timeouts are off). */
  writeLost(op: WriteOp, type: 'write' | 'write-ack'): void {
    if (this.retry.writeTimeoutUs > 0 || op.ackUs !== -1) return;
    this.attemptFailed(this.w.groups[op.groupIndex], op, `${type} lost`);
  }

  issueRead(g: ClientGroup, session: number, key: number): void {
    const w = this.w;
    if (w.now > w.config.durationUs) return; // follow-up reads stop with the run
    const route = this.policies[g.groupIndex].route(this.views[g.groupIndex], g, session, key);
    const op: ReadOp = {
      id: w.nextOpId(),
      groupIndex: g.groupIndex,
      session,
      key,
      issueUs: w.now,
      routedTo: route.node.id,
      servedBy: '',
      servedUs: -1,
      version: 0,
      keySeq: 0,
      reason: route.reason,
      maxLagUs: route.maxLagUs,
      lagUs: route.lagUs,
      minVersion: route.minVersion,
      attempts: 1,
      waitUs: route.waitUs,
      waitedUs: 0,
      fellBack: false,
    };
    w.observer.readIssued(op, w.now);
    w.send(g, route.node, { type: 'read', op });
  }

  readReplied(msg: ReadReplyMsg): void {
    const w = this.w;
    const op = msg.op;
    const g = w.groups[op.groupIndex];
    if (msg.outcome === 'wait-timeout') return this.retryOnPrimary(g, op);
    if (op.version > g.lastReadVersion[op.session]) g.lastReadVersion[op.session] = op.version;
    w.observer.readCompleted(op, w.now);
  }

  /**
   * A replica held the read for its token until the timeout: retry it on the primary, which
   * has every acknowledged write (MaxScale causal_reads: "retry on the master").
   */
  private retryOnPrimary(g: ClientGroup, op: ReadOp): void {
    const w = this.w;
    const primary = this.knownPrimary[g.groupIndex];
    const from = op.routedTo;
    if (!primary) {
      w.observer.readFailed(op, 'wait timed out and there is no primary', w.now);
      return;
    }
    op.fellBack = true;
    op.attempts++;
    op.minVersion = 0;
    op.routedTo = primary.id;
    op.reason = `${op.reason}; timed out at ${from}: primary`;
    w.observer.readFellBack?.(op, from, primary.id, w.now);
    w.send(g, primary, { type: 'read', op });
  }

  /** The failover manager tells the group's router where writes go now. */
  primaryIs(g: ClientGroup, msg: PrimaryIsMsg): void {
    const gi = g.groupIndex;
    if (msg.term < this.knownTerm[gi]) return; // older news than what the router knows
    this.knownTerm[gi] = msg.term;
    this.knownPrimary[gi] = msg.primary === null ? null : (this.w.nodeById.get(msg.primary) ?? null);
    this.knownReplicas[gi] = msg.replicas.map((id) => this.w.nodeById.get(id)!);
  }

  readLost(op: ReadOp, type: 'read' | 'read-reply'): void {
    this.w.observer.readFailed(op, `${type} lost`, this.w.now);
  }
}

/** How a refused write attempt is reported (the trace's write.fail reason). */
const REFUSAL_TEXT: Record<WriteRefusal, string> = {
  'not-primary': 'rejected: not the primary',
  fenced: 'rejected: primary is fenced',
  'too-few-replicas': 'rejected: too few replicas connected (min-replicas)',
  'no-longer-primary': 'rejected: no longer the primary',
};
