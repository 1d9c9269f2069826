import type { Message } from '../message.ts';
import type { DbNode } from '../node.ts';
import type { World } from '../world-api.ts';
import type { FailoverConfig } from '../config.ts';
import { MinReplicasGate } from './fencing.ts';
import { ManagerContext } from './context.ts';
import { onPing, onPong, tick } from './heartbeat.ts';
import { onProbe, onProbeOk, onStatus, onStatusQuery } from './survey.ts';
import { onPromote } from './promotion.ts';
import { askForPrimary, controlLost, divergentSubscriber, follow, onHello, onRepoint } from './repoint.ts';
import { manualPromote, switchover } from './operator.ts';

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
export class FailoverManager {
  readonly s: FailoverConfig;
  private readonly ctx: ManagerContext;
  private readonly gate: MinReplicasGate;

  constructor(private readonly w: World) {
    this.s = w.config.failover;
    this.ctx = new ManagerContext(w, this.s);
    this.gate = new MinReplicasGate(w, this.s);
  }

  start(): void {
    const w = this.w;
    const ctx = this.ctx;
    const h = w.controlHandlers;
    h.set('ping', (m) => onPing(ctx, m));
    h.set('pong', (m) => onPong(ctx, m));
    h.set('status?', (m) => onStatusQuery(ctx, m));
    h.set('status', (m) => onStatus(ctx, m, false));
    h.set('status-sees-primary', (m) => onStatus(ctx, m, true));
    h.set('probe', (m) => onProbe(ctx, m));
    h.set('probe-ok', (m) => onProbeOk(ctx, m));
    h.set('promote', (m) => onPromote(ctx, m));
    h.set('repoint', (m) => onRepoint(ctx, m));
    h.set('hello', (m) => onHello(ctx, m));
    w.primary.onDivergentSubscriber = (p, r) => divergentSubscriber(ctx, p, r);
    w.primary.onSubscribed = (p, r) => {
      if (p.term === w.clusterTerm) ctx.pendingFork.delete(r.index);
    };
    // A primary keeps the entries a node still needs to resubscribe from its fork.
    w.primary.pruneCeiling = () => {
      let c = Infinity;
      for (const v of ctx.pendingFork.values()) c = Math.min(c, v);
      return c;
    };
    if (this.s.fencing === 'min-replicas') this.gate.start();
    if (this.s.fencing === 'lease' && w.routerPrimary) w.routerPrimary.leaseUntilUs = this.s.leaseTtlUs;
    if (w.routerPrimary) w.at(0, () => tick(ctx));
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

  /** A repoint or a hello was lost: retry it a heartbeat later while the node is still out of line. */
  controlLost(msg: Message): void {
    controlLost(this.ctx, msg);
  }

  /** `node` becomes (or stays) a replica of `primary`; it rolls back on subscribing if it must. */
  follow(node: DbNode, primary: DbNode): void {
    follow(this.ctx, node, primary);
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
