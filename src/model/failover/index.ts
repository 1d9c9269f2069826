import type { ClientGroup } from '../client-group.ts';
import type {
  DivergedMsg,
  HelloMsg,
  PingMsg,
  PongMsg,
  PrimaryIsMsg,
  ProbeMsg,
  ProbeOkMsg,
  PromoteAckMsg,
  PromoteMsg,
  PromotedMsg,
  RepointMsg,
  ResumeWritesMsg,
  StopWritesMsg,
  WritesStoppedMsg,
  StatusMsg,
  StatusRequestMsg,
  WriteRefusal,
} from '../message.ts';
import type { PrimaryPolicy } from '../primary.ts';
import type { DbNode } from '../node.ts';
import type { World } from '../world-api.ts';
import type { FailoverConfig } from '../config.ts';
import { MinReplicasGate } from './fencing.ts';
import { ManagerContext } from './context.ts';
import { onPing, onPong, tick } from './heartbeat.ts';
import { onProbe, onProbeOk, onStatus, onStatusRequest } from './survey.ts';
import { onPromote, onPromoteAck, onPromoted, primaryIsLost } from './promotion.ts';
import { askForPrimary, helloLost, onDiverged, onHello, onRepoint, repointLost } from './repoint.ts';
import { manualPromote, onResumeWrites, onStopWrites, onWritesStopped, switchover } from './operator.ts';

/** The failover manager's endpoint name; partition sides may name it. */
export const MANAGER_ID = 'manager';

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
 *
 * This class only wires the pieces together and owns their shared state (`ManagerContext`):
 * step 1 lives in heartbeat.ts, 2–3 in survey.ts, 4–5 in promotion.ts, 6 and the nodes'
 * hellos in repoint.ts, manual promote and switchover in operator.ts.
 */
export class FailoverManager implements PrimaryPolicy {
  readonly s: FailoverConfig;
  private readonly ctx: ManagerContext;
  private readonly gate: MinReplicasGate;

  constructor(private readonly w: World) {
    this.s = w.config.failover;
    this.ctx = new ManagerContext(w, this.s);
    this.gate = new MinReplicasGate(w, this.s);
  }

  /** `primary`: the configured primary, the manager's primary of record to start with. */
  start(primary: DbNode | null, replicas: readonly DbNode[]): void {
    const w = this.w;
    this.ctx.primary = primary;
    this.ctx.replicas = [...replicas];
    if (this.s.fencing === 'min-replicas') this.gate.start();
    if (primary) w.at(0, () => tick(this.ctx));
  }

  /** The node the manager treats as primary (see ManagerContext.primary). */
  get primary(): DbNode | null {
    return this.ctx.primary;
  }

  // ——— what a primary asks of failover and fencing (PrimaryPolicy) ———

  writeRefusal(primary: DbNode): WriteRefusal | null {
    return this.s.fencing === 'min-replicas' ? this.gate.check(primary) : null;
  }

  rollsBackDivergent(): boolean {
    return true;
  }

  subscribed(primary: DbNode, replica: DbNode): void {
    if (primary.term === this.ctx.term) this.ctx.pendingFork.delete(replica.index);
  }

  /** A primary keeps the entries a node still needs to resubscribe from its fork. */
  pruneCeiling(): number {
    let c = Infinity;
    for (const v of this.ctx.pendingFork.values()) c = Math.min(c, v);
    return c;
  }

  // ——— messages of the failover protocol, one handler each (the world dispatches) ———

  onPing(node: DbNode, msg: PingMsg): void {
    onPing(this.ctx, node, msg);
  }
  onPong(from: DbNode, msg: PongMsg): void {
    onPong(this.ctx, from, msg);
  }
  onStatusRequest(node: DbNode, msg: StatusRequestMsg): void {
    onStatusRequest(this.ctx, node, msg);
  }
  onStatus(from: DbNode, msg: StatusMsg): void {
    onStatus(this.ctx, from, msg);
  }
  onProbe(node: DbNode, from: DbNode, msg: ProbeMsg): void {
    onProbe(this.ctx, node, from, msg);
  }
  onProbeOk(node: DbNode, msg: ProbeOkMsg): void {
    onProbeOk(this.ctx, node, msg);
  }
  onPromote(node: DbNode, msg: PromoteMsg): void {
    onPromote(this.ctx, node, msg);
  }
  onPromoteAck(_from: DbNode, msg: PromoteAckMsg): void {
    onPromoteAck(this.ctx, msg);
  }
  onPromoted(from: DbNode, msg: PromotedMsg): void {
    onPromoted(this.ctx, from, msg);
  }
  onStopWrites(node: DbNode, msg: StopWritesMsg): void {
    onStopWrites(this.ctx, node, msg);
  }
  onWritesStopped(from: DbNode, msg: WritesStoppedMsg): void {
    onWritesStopped(this.ctx, from, msg);
  }
  onResumeWrites(node: DbNode, msg: ResumeWritesMsg): void {
    onResumeWrites(this.ctx, node, msg);
  }
  onDiverged(node: DbNode, from: DbNode, msg: DivergedMsg): void {
    onDiverged(this.ctx, node, from, msg);
  }
  onRepoint(node: DbNode, msg: RepointMsg): void {
    onRepoint(this.ctx, node, msg);
  }
  onHello(from: DbNode, msg: HelloMsg): void {
    onHello(this.ctx, from, msg);
  }
  onReplconf(primary: DbNode, replica: DbNode): void {
    this.gate.heard(primary, replica);
  }
  /** A hello was lost: the node asks again a heartbeat later. */
  helloLost(node: DbNode): void {
    helloLost(this.ctx, node);
  }
  /** A repoint was lost: the manager retries it a heartbeat later while the node is out of line. */
  repointLost(node: DbNode, msg: RepointMsg, how: 'unreachable' | 'refused'): void {
    repointLost(this.ctx, node, msg, how);
  }
  /** A router missed the news of a new primary: the manager tells it again a heartbeat later. */
  primaryIsLost(group: ClientGroup, msg: PrimaryIsMsg): void {
    primaryIsLost(this.ctx, group, msg);
  }

  // ——— faults tell the manager what they can (for the report's failure time) ———

  noteFault(node: DbNode): void {
    this.ctx.faultAt.set(node, this.w.now);
  }

  /** A restarted node asks the manager who the primary is (as Patroni asks its DCS). */
  nodeRestarted(node: DbNode): void {
    askForPrimary(this.ctx, node);
  }

  /** `node` asks whom to follow (after a restart, or when the node it follows refused its subscribe). */
  askForPrimary(node: DbNode): void {
    askForPrimary(this.ctx, node);
  }

  // ——— operator actions ———

  /** Manual promote (a `promote` fault): no detection, no lag check. */
  manualPromote(cand: DbNode): void {
    manualPromote(this.ctx, cand);
  }

  /** Planned switchover: fence the primary, let the candidate catch up fully, promote, demote. */
  switchover(cand: DbNode): void {
    switchover(this.ctx, cand);
  }
}
