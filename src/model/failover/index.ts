import type { Message } from '../message.ts';
import type { DbNode } from '../node.ts';
import type { World } from '../world.ts';
import { failoverSettings, type FailoverSettings } from './settings.ts';
import { commonPrefix, doomDivergent, rollBack } from './rollback.ts';
import { MinReplicasGate } from './fencing.ts';

/** The failover manager's endpoint name; partition sides may name it. */
export const MANAGER_ID = 'manager';

/** How often a waiting step (catch-up, switchover drain) looks again. */
const POLL_US = 1_000;
/** A switchover gives up if the candidate has not caught up within this. */
const SWITCHOVER_LIMIT_US = 30_000_000;

type State = 'watching' | 'failed' | 'surveying' | 'refused' | 'manual-wait' | 'promoting';

interface Answer {
  node: DbNode;
  lsn: number;
  term: number;
  commitUs: number;
  seesPrimary: boolean;
}

/**
 * The failover manager (after Orchestrator, Patroni and MHA). It sits on its own network
 * endpoint (`manager`) and works by messages, so a partition between it and the primary
 * matters exactly as it would in production:
 *
 * 1. every `heartbeat` it pings the primary; after `missedBeats` pings without an answer
 *    it declares the primary failed (step `detected`);
 * 2. it asks every replica for its received position (and, with `confirmByReplicas`,
 *    whether it can still reach the primary — if one can, it is a false alarm);
 * 3. it picks the replica with the newest (term, LSN), priority breaking ties (step
 *    `candidate`), unless that one is more than `maxLagOnFailover` behind what the primary
 *    last reported (step `refused`: downtime instead of loss);
 * 4. the candidate stops replicating and applies its relay log (step `catch-up`; with lease
 *    fencing it also waits for the old primary's lease to run out);
 * 5. it becomes primary with term + 1 (step `promoted`); entries other nodes hold past
 *    their fork with it are lost from that moment; the router follows;
 * 6. every other node is told to follow it (step `repointed`); each rolls back what the
 *    new primary lacks when it subscribes.
 *
 * `cooldown` blocks a second automatic failover that soon after the last (anti-flapping).
 */
export class FailoverManager {
  readonly s: FailoverSettings;
  private state: State = 'watching';
  private missed = 0;
  private awaiting = false;
  private pingSeq = 0;
  private lastPongUs = 0;
  private suspectSinceUs = 0;
  /** The newest commit time the primary reported in a heartbeat answer. */
  private primaryCommitUs = 0;
  /** Send time of the newest heartbeat (lease grant) to the primary. */
  private lastGrantUs = -Infinity;
  private lastFailoverUs = -Infinity;
  private attempt = 0;
  private promoteReceived = -1;
  private noted = new Set<string>();
  private answers = new Map<number, Answer>();
  private probes = new Map<number, { attempt: number; reached: boolean }>();
  private readonly faultAt = new Map<DbNode, number>();
  /** Per node index: LSN of its fork with the newest primary, until it has resubscribed. */
  private readonly pendingFork = new Map<number, number>();
  private readonly gate: MinReplicasGate;

  constructor(private readonly w: World) {
    this.s = failoverSettings(w.config.failover);
    this.gate = new MinReplicasGate(w, this.s);
  }

  private get me() {
    return this.w.managerEndpoint;
  }

  start(): void {
    const w = this.w;
    const h = w.controlHandlers;
    h.set('ping', (m) => this.onPing(m));
    h.set('pong', (m) => this.onPong(m));
    h.set('status?', (m) => this.onStatusQuery(m));
    h.set('status', (m) => this.onStatus(m, false));
    h.set('status-sees-primary', (m) => this.onStatus(m, true));
    h.set('probe', (m) => this.onProbe(m));
    h.set('probe-ok', (m) => this.onProbeOk(m));
    h.set('promote', (m) => this.onPromote(m));
    h.set('repoint', (m) => this.onRepoint(m));
    h.set('hello', (m) => this.onHello(m));
    w.primary.onDivergentSubscriber = (p, r) => this.divergentSubscriber(p, r);
    w.primary.onSubscribed = (p, r) => {
      if (p.term === w.clusterTerm) this.pendingFork.delete(r.index);
    };
    w.primary.pruneCeiling = () => {
      let c = Infinity;
      for (const v of this.pendingFork.values()) c = Math.min(c, v);
      return c;
    };
    if (this.s.fencing === 'min-replicas') this.gate.start();
    if (this.s.fencing === 'lease' && w.routerPrimary) w.routerPrimary.leaseUntilUs = this.s.leaseTtlUs;
    if (w.routerPrimary) w.at(0, () => this.tick());
  }

  // ——— faults tell the manager what they can (for the report's failure time) ———

  noteFault(node: DbNode): void {
    this.faultAt.set(node, this.w.now);
  }

  /** A restarted node asks the manager who the primary is (as Patroni asks its DCS). */
  nodeRestarted(node: DbNode): void {
    this.askForPrimary(node);
  }

  /**
   * `node` asks whom to follow (after a restart, or when the node it follows refused its
   * subscribe). A control request, so that a loss is seen and retried (`controlLost`).
   */
  askForPrimary(node: DbNode): void {
    this.w.send('control', node, this.me, { note: 'hello', term: node.term });
  }

  /**
   * A repoint or a hello was lost (cut link, node down): without a retry, a node cut off
   * during a failover would follow the deposed primary, or stay one, forever. The manager
   * tries again every heartbeat while the node is up and still out of line (Orchestrator
   * retries a failed CHANGE MASTER; Patroni's loop reconciles with the DCS). A node that is
   * down asks for itself when it restarts.
   */
  controlLost(msg: Message): void {
    const w = this.w;
    if (msg.note === 'hello') {
      const node = w.nodeById.get(msg.from)!;
      const inc = node.incarnation;
      w.after(this.s.heartbeatUs, () => {
        if (node.up && node.incarnation === inc) this.askForPrimary(node);
      });
    } else if (msg.note === 'repoint') {
      const node = w.nodeById.get(msg.to)!;
      w.after(this.s.heartbeatUs, () => {
        const p = w.routerPrimary;
        if (!p || p.term !== msg.term || p === node || !node.up) return; // superseded, or asks on restart
        if (node.role === 'primary' || node.upstream !== p) w.send('control', this.me, node, { note: 'repoint', term: p.term });
      });
    }
  }

  // ——— heartbeats ———

  private tick(): void {
    const w = this.w;
    const p = w.routerPrimary;
    if (this.state !== 'promoting' && p) {
      if (this.awaiting) {
        if (this.missed === 0) this.suspectSinceUs = w.now - this.s.heartbeatUs;
        this.missed++;
      }
      this.pingSeq++;
      this.awaiting = true;
      this.lastGrantUs = w.now;
      w.send('heartbeat', this.me, p, { note: 'ping', term: p.term, position: this.pingSeq });
      if (this.state === 'watching' && this.missed >= this.s.missedBeats) this.declare(p);
      else if (this.state === 'failed' || this.state === 'refused') this.tryFailover(p);
    }
    w.after(this.s.heartbeatUs, () => this.tick());
  }

  private onPing(msg: Message): void {
    const w = this.w;
    const node = w.nodeById.get(msg.to)!;
    if (node.role !== 'primary' || msg.term < node.term) return;
    if (this.s.fencing === 'lease') {
      node.leaseUntilUs = msg.sentUs + this.s.leaseTtlUs;
      if (node.fenced) {
        node.fenced = false;
        w.observer.nodeChanged(node, w.now);
      }
      const until = node.leaseUntilUs;
      w.at(until, () => {
        if (node.leaseUntilUs !== until || node.fenced || node.role !== 'primary') return;
        node.fenced = true;
        // As Patroni demotes a primary that lost its leader key: connections are dropped,
        // so commits waiting for replica acknowledgements are never acknowledged.
        w.modeOf(node).reset();
        w.observer.nodeChanged(node, w.now);
        w.observer.failoverStep('fenced', { from: node.id, term: node.term, text: `${node.id} could not renew its lease: it stops accepting writes` }, w.now);
      });
    }
    const last = node.log.last();
    w.send('heartbeat', node, this.me, { note: 'pong', term: node.term, position: node.log.lastLsn, version: last ? last.commitUs : 0 });
  }

  private onPong(msg: Message): void {
    const w = this.w;
    const p = w.routerPrimary;
    if (!p || msg.from !== p.id) return;
    this.awaiting = false;
    this.missed = 0;
    this.lastPongUs = w.now;
    this.primaryCommitUs = Math.max(this.primaryCommitUs, msg.version);
    if (this.state === 'failed' || this.state === 'refused' || this.state === 'manual-wait' || this.state === 'surveying') {
      this.state = 'watching';
      this.attempt++;
      w.observer.failoverStep('cleared', { from: p.id, text: `${p.id} answers heartbeats again: no failover` }, w.now);
    }
  }

  private declare(p: DbNode): void {
    const w = this.w;
    this.state = 'failed';
    this.noted.clear();
    const fault = this.faultAt.get(p);
    const failedAtUs = fault !== undefined && fault > this.lastFailoverUs && fault >= this.lastPongUs - this.s.heartbeatUs ? fault : this.suspectSinceUs;
    w.observer.failoverStep('detected', { from: p.id, term: p.term, failedAtUs, text: `${p.id} missed ${this.missed} heartbeats: declared failed` }, w.now);
    this.tryFailover(p);
  }

  /** Steps that repeat every heartbeat while the primary stays down are narrated once. */
  private once(key: string, step: string, text: string, from?: string): void {
    if (this.noted.has(key)) return;
    this.noted.add(key);
    this.w.observer.failoverStep(step, { from, text }, this.w.now);
  }

  private tryFailover(p: DbNode): void {
    const w = this.w;
    if (!this.s.automatic) {
      this.state = 'manual-wait';
      this.once('manual', 'waiting', 'automatic failover is off: writes stay down until an operator promotes a replica', p.id);
      return;
    }
    if (w.now < this.lastFailoverUs + this.s.cooldownUs) {
      this.once('cooldown', 'blocked', `cooldown: the last failover was ${(w.now - this.lastFailoverUs) / 1e6} s ago (cooldown ${this.s.cooldownUs / 1e6} s)`, p.id);
      return;
    }
    this.state = 'surveying';
    const att = ++this.attempt;
    this.answers.clear();
    for (const n of w.nodes) if (n !== p) w.send('heartbeat', this.me, n, { note: 'status?', position: att, term: w.clusterTerm });
    w.after(this.s.heartbeatUs, () => this.finishSurvey(p, att));
  }

  private onStatusQuery(msg: Message): void {
    const w = this.w;
    const node = w.nodeById.get(msg.to)!;
    if (node.role !== 'replica') return;
    const att = msg.position;
    if (!this.s.confirmByReplicas || !node.upstream) return this.answerStatus(node, att, false);
    this.probes.set(node.index, { attempt: att, reached: false });
    w.send('heartbeat', node, node.upstream, { note: 'probe', position: att });
    w.after(this.s.heartbeatUs / 2, () => {
      const pr = this.probes.get(node.index);
      if (pr && pr.attempt === att && node.up) this.answerStatus(node, att, pr.reached);
    });
  }

  private answerStatus(node: DbNode, att: number, seesPrimary: boolean): void {
    const last = node.log.last();
    this.w.send('heartbeat', node, this.me, {
      note: seesPrimary ? 'status-sees-primary' : 'status',
      position: node.log.lastLsn,
      term: node.lastTerm,
      version: last ? last.commitUs : 0,
    });
    this.answerAttempt.set(node.index, att);
  }
  private answerAttempt = new Map<number, number>();

  private onProbe(msg: Message): void {
    const node = this.w.nodeById.get(msg.to)!;
    if (node.role !== 'primary') return;
    this.w.send('heartbeat', node, this.w.nodeById.get(msg.from)!, { note: 'probe-ok', position: msg.position });
  }

  private onProbeOk(msg: Message): void {
    const node = this.w.nodeById.get(msg.to)!;
    const pr = this.probes.get(node.index);
    if (pr && pr.attempt === msg.position) pr.reached = true;
  }

  private onStatus(msg: Message, seesPrimary: boolean): void {
    const node = this.w.nodeById.get(msg.from)!;
    if (this.answerAttempt.get(node.index) !== this.attempt) return;
    this.answers.set(node.index, { node, lsn: msg.position, term: msg.term, commitUs: msg.version, seesPrimary });
  }

  private finishSurvey(p: DbNode, att: number): void {
    const w = this.w;
    if (att !== this.attempt || this.state !== 'surveying') return;
    const answers = [...this.answers.values()];
    if (this.s.confirmByReplicas) {
      const seer = answers.find((a) => a.seesPrimary);
      if (seer) {
        this.state = 'watching';
        this.missed = 0;
        w.observer.failoverStep('cleared', { from: p.id, text: `not confirmed: ${seer.node.id} still reaches ${p.id}, so only the manager lost it` }, w.now);
        return;
      }
    }
    if (answers.length === 0) {
      this.state = 'failed';
      this.once('none', 'no-candidate', 'no replica answered: nothing to promote', p.id);
      return;
    }
    answers.sort((a, b) => this.compare(a, b));
    const best = answers[0];
    const lagUs = Math.max(0, this.primaryCommitUs - best.commitUs);
    if (lagUs > this.s.maxLagOnFailoverUs) {
      this.state = 'refused';
      this.once('refused', 'refused', `${best.node.id} is ${(lagUs / 1000).toFixed(1)} ms behind, more than maxLagOnFailover ${this.s.maxLagOnFailoverUs / 1000} ms: no promotion (writes stay down rather than lose data)`, p.id);
      return;
    }
    this.promote(best.node, p, `${best.node.id} has the newest log (LSN ${best.lsn}, term ${best.term})${lagUs > 0 ? `, ${(lagUs / 1000).toFixed(1)} ms behind` : ''}`);
  }

  /** Newest (term, LSN) first; priority breaks ties (or goes first with priorityOrder). */
  private compare(a: Answer, b: Answer): number {
    const pos = b.term - a.term || b.lsn - a.lsn;
    const pri = b.node.config.priority - a.node.config.priority;
    const order = this.s.priorityOrder ? pri || pos : pos || pri;
    return order || a.node.index - b.node.index;
  }

  // ——— promotion ———

  private promote(cand: DbNode, old: DbNode | null, reason: string): void {
    const w = this.w;
    this.state = 'promoting';
    const att = ++this.attempt;
    const term = w.clusterTerm + 1;
    w.observer.failoverStep('candidate', { from: old?.id, to: cand.id, term, text: reason }, w.now);
    w.send('control', this.me, cand, { note: 'promote', term, position: att });
    w.after(this.s.heartbeatUs * this.s.missedBeats, () => {
      if (this.attempt !== att || this.state !== 'promoting' || this.promoteReceived === att) return;
      this.state = 'failed';
      w.observer.failoverStep('aborted', { to: cand.id, text: `${cand.id} did not receive the promotion: trying again` }, w.now);
    });
  }

  private onPromote(msg: Message): void {
    const w = this.w;
    const cand = w.nodeById.get(msg.to)!;
    const att = msg.position;
    if (att !== this.attempt || cand.role !== 'replica') return;
    this.promoteReceived = att;
    const old = w.routerPrimary;
    this.detach(cand);
    w.observer.failoverStep('catch-up', { from: old?.id, to: cand.id, term: msg.term, text: `${cand.id} applies its relay log (${cand.log.lastLsn - cand.appliedLsn} entries) before taking writes` }, w.now);
    const leaseEnd = this.s.fencing === 'lease' ? this.lastGrantUs + this.s.leaseTtlUs : 0;
    const poll = () => {
      if (att !== this.attempt) return;
      if (!cand.up) {
        this.state = 'failed';
        w.observer.failoverStep('aborted', { to: cand.id, text: `${cand.id} went down during catch-up` }, w.now);
        return;
      }
      if (cand.appliedLsn < cand.log.lastLsn || w.now < leaseEnd) return w.after(POLL_US, poll);
      w.after(this.s.promoteTimeUs, () => {
        if (att === this.attempt && cand.up) this.becomePrimary(cand, old, msg.term);
      });
    };
    poll();
  }

  /** The candidate stops replicating from the old primary. */
  private detach(cand: DbNode): void {
    if (cand.upstream) cand.upstream.streamTo[cand.index] = false;
    cand.upstream = null;
  }

  private becomePrimary(cand: DbNode, old: DbNode | null, term: number): void {
    const w = this.w;
    w.clusterTerm = Math.max(w.clusterTerm, term);
    cand.term = term;
    cand.role = 'primary';
    cand.fenced = false;
    cand.upstream = null;
    cand.streamTo.fill(false);
    cand.flushedLsn = cand.log.lastLsn;
    cand.leaseUntilUs = this.s.fencing === 'lease' ? w.now + this.s.leaseTtlUs : Infinity;
    w.modeOf(cand).reset();
    w.observer.failoverStep('promoted', { from: old?.id, to: cand.id, term, text: `${cand.id} is the primary (term ${term}), from LSN ${cand.log.lastLsn}` }, w.now);
    const lost = doomDivergent(w, cand);
    if (lost > 0) w.observer.failoverStep('lost', { from: old?.id, to: cand.id, term, text: `${lost} entries other nodes hold past LSN ${cand.log.lastLsn} leave history: acknowledged ones are lost writes` }, w.now);
    this.pendingFork.clear();
    for (const n of w.nodes) if (n !== cand) this.pendingFork.set(n.index, commonPrefix(n, cand));
    w.routerPrimary = cand;
    w.routerReplicas = w.routerReplicas.filter((n) => n !== cand);
    this.lastFailoverUs = w.now;
    this.state = 'watching';
    this.missed = 0;
    this.awaiting = false;
    this.primaryCommitUs = cand.log.last()?.commitUs ?? 0;
    w.observer.nodeChanged(cand, w.now);
    w.observer.primaryChanged(cand, w.now);
    let told = 0;
    for (const n of w.nodes) {
      if (n === cand) continue;
      w.send('control', this.me, n, { note: 'repoint', term });
      told++;
    }
    w.observer.failoverStep('repointed', { from: old?.id, to: cand.id, term, text: `${told} nodes told to follow ${cand.id}; the router sends writes there` }, w.now);
  }

  private onRepoint(msg: Message): void {
    const w = this.w;
    const node = w.nodeById.get(msg.to)!;
    const primary = w.nodes.find((n) => n.role === 'primary' && n.term === msg.term);
    if (!primary || primary === node || msg.term < node.term) return;
    this.follow(node, primary);
  }

  /** `node` becomes (or stays) a replica of `primary`; it rolls back on subscribing if it must. */
  follow(node: DbNode, primary: DbNode): void {
    const w = this.w;
    const wasPrimary = node.role === 'primary';
    if (node.upstream && node.upstream !== primary) node.upstream.streamTo[node.index] = false;
    node.role = 'replica';
    node.term = primary.term;
    node.fenced = false;
    node.leaseUntilUs = Infinity;
    node.upstream = primary;
    if (wasPrimary) {
      w.modeOf(node).reset();
      // Demotion closes its replication connections: replicas still attached notice and
      // retry, get refused, and ask the manager whom to follow.
      node.streamTo.fill(false);
      for (const n of w.nodes) if (n.upstream === node) w.replica.scheduleResubscribe(n);
    }
    if (!w.routerReplicas.includes(node)) w.routerReplicas.push(node);
    w.observer.nodeChanged(node, w.now);
    w.replica.connect(node);
    w.replica.kickApplier(node);
  }

  private onHello(msg: Message): void {
    const w = this.w;
    const node = w.nodeById.get(msg.from)!;
    const p = w.routerPrimary;
    if (!p || p === node || !node.up) return;
    if (node.role === 'primary' || node.upstream !== p) w.send('control', this.me, node, { note: 'repoint', term: p.term });
  }

  /** A subscriber holds entries the primary lacks: roll it back, then stream from the fork. */
  private divergentSubscriber(p: DbNode, r: DbNode): boolean {
    const w = this.w;
    const fork = rollBack(w, r, p);
    p.streamTo[r.index] = true;
    if (p.term === w.clusterTerm) this.pendingFork.delete(r.index);
    for (let lsn = fork + 1; lsn <= p.log.lastLsn; lsn++) {
      const e = p.log.at(lsn);
      if (e) w.primary.sendEntry(p, r, e);
    }
    return true;
  }

  // ——— operator actions ———

  /** Manual promote (a `promote` fault): no detection, no lag check. */
  manualPromote(cand: DbNode): void {
    if (cand.role !== 'replica' || !cand.up) {
      this.w.observer.failoverStep('refused', { to: cand.id, text: `${cand.id} cannot be promoted (${cand.up ? cand.role : 'down'})` }, this.w.now);
      return;
    }
    this.promote(cand, this.w.routerPrimary, `operator promotes ${cand.id}`);
  }

  /** Planned switchover: fence the primary, let the candidate catch up fully, promote, demote. */
  switchover(cand: DbNode): void {
    const w = this.w;
    const old = w.routerPrimary;
    if (!old || old === cand || cand.role !== 'replica' || !cand.up || !old.up) {
      w.observer.failoverStep('refused', { to: cand.id, text: `switchover to ${cand.id} is not possible now` }, w.now);
      return;
    }
    this.state = 'promoting';
    const att = ++this.attempt;
    const term = w.clusterTerm + 1;
    old.fenced = true;
    w.observer.nodeChanged(old, w.now);
    w.observer.failoverStep('candidate', { from: old.id, to: cand.id, term, text: `switchover: ${old.id} stops taking writes; ${cand.id} catches up` }, w.now);
    const deadline = w.now + SWITCHOVER_LIMIT_US;
    const poll = () => {
      if (att !== this.attempt) return;
      const target = old.log.lastLsn;
      const idle = !old.committing && old.commitHead >= old.commitQueue.length;
      if (!(idle && cand.log.lastLsn >= target && cand.appliedLsn >= target)) {
        if (w.now < deadline && cand.up) return w.after(POLL_US, poll);
        old.fenced = false;
        this.state = 'watching';
        w.observer.nodeChanged(old, w.now);
        w.observer.failoverStep('aborted', { from: old.id, to: cand.id, text: `switchover aborted: ${cand.id} did not catch up` }, w.now);
        return;
      }
      w.observer.failoverStep('catch-up', { from: old.id, to: cand.id, term, text: `${cand.id} has applied everything up to LSN ${target}` }, w.now);
      this.detach(cand);
      this.lastFailoverUs = -Infinity; // a switchover does not start the cooldown
      this.becomePrimary(cand, old, term);
      this.lastFailoverUs = -Infinity;
      this.follow(old, cand);
    };
    poll();
  }
}
