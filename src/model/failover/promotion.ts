import type { ClientGroup } from '../client-group.ts';
import type { PrimaryIsMsg, PromoteAckMsg, PromoteMsg, PromotedMsg } from '../message.ts';
import type { DbNode } from '../node.ts';
import type { PrimaryChangeCause } from '../trace.ts';
import { POLL_US, type ManagerContext } from './context.ts';
import { commonPrefix } from './rollback.ts';

/**
 * Tells `cand` to become primary with term + 1 (step `candidate`). If it has not received
 * the order within `missedBeats` heartbeats, the manager goes back to `failed` and retries.
 */
export function promote(ctx: ManagerContext, cand: DbNode, old: DbNode | null, reason: string, cause: PrimaryChangeCause): void {
  const w = ctx.w;
  ctx.state = 'promoting';
  ctx.promoteCause = cause;
  ctx.candidate = cand;
  const att = ++ctx.attempt;
  const term = ctx.term + 1;
  w.observer.failoverStep('candidate', { from: old?.id, to: cand.id, term, text: reason }, w.now);
  const leaseEndUs = ctx.s.fencing === 'lease' ? ctx.lastGrantUs + ctx.s.leaseTtlUs : 0;
  w.send(ctx.me, cand, { type: 'promote', attempt: att, term, leaseEndUs, catchUpToLsn: 0 });
  w.after(ctx.s.heartbeatUs * ctx.s.missedBeats, () => {
    if (ctx.attempt !== att || ctx.state !== 'promoting' || ctx.promoteReceived === att) return;
    ctx.state = 'failed';
    w.observer.failoverStep('aborted', { to: cand.id, text: `${cand.id} did not receive the promotion: trying again` }, w.now);
  });
}

/**
 * The candidate received the order: it acknowledges it, stops replicating and applies its
 * relay log (step `catch-up`); with lease fencing it also waits for the old primary's lease
 * to run out. Then it takes the role and tells the manager (`promoted`). A later order to
 * the same node supersedes this one; a crash ends it (the manager notices the silence).
 */
export function onPromote(ctx: ManagerContext, cand: DbNode, msg: PromoteMsg): void {
  const w = ctx.w;
  const att = msg.attempt;
  if (cand.role !== 'replica') return;
  const orders = ctx.agents.promoting;
  orders.set(cand.index, att);
  w.send(cand, ctx.me, { type: 'promote-ack', attempt: att, term: msg.term });
  // A failover's candidate stops replicating at once and applies what it holds; a
  // switchover's keeps its stream until it holds the old primary's whole (drained) log.
  const target = msg.catchUpToLsn;
  if (target === 0) detach(ctx, cand);
  const text = target === 0 ? `${cand.id} applies its relay log (${cand.log.lastLsn - cand.appliedLsn} entries) before taking writes` : `${cand.id} receives and applies everything up to LSN ${target}`;
  w.observer.failoverStep('catch-up', { to: cand.id, term: msg.term, text }, w.now);
  const inc = cand.incarnation;
  const current = () => orders.get(cand.index) === att && cand.up && cand.incarnation === inc;
  const poll = () => {
    if (!current()) return;
    const caughtUp = target === 0 ? cand.appliedLsn >= cand.log.lastLsn : cand.log.lastLsn >= target && cand.appliedLsn >= target;
    if (!caughtUp || w.now < msg.leaseEndUs) return w.after(POLL_US, poll);
    w.after(ctx.s.promoteTimeUs, () => {
      if (!current()) return;
      orders.delete(cand.index);
      detach(ctx, cand);
      takeOver(ctx, cand, msg.term);
      w.send(cand, ctx.me, { type: 'promoted', attempt: att, term: msg.term, lastLsn: cand.log.lastLsn });
    });
  };
  poll();
}

/**
 * The manager hears that its candidate is the primary now: it adopts it (see `adoptPrimary`).
 * A node that took the role on a superseded order is told to follow the primary the manager
 * knows instead.
 */
export function onPromoted(ctx: ManagerContext, from: DbNode, msg: PromotedMsg): void {
  const w = ctx.w;
  if (msg.attempt === ctx.attempt && ctx.state === 'promoting' && ctx.candidate === from) {
    adoptPrimary(ctx, from, ctx.primary, msg.term, msg.lastLsn, ctx.promoteCause);
    return;
  }
  const p = ctx.primary;
  if (p && p !== from) {
    ctx.countRepoint(from);
    w.send(ctx.me, from, { type: 'repoint', primary: p.id, term: p.term });
  }
}

/**
 * While the candidate catches up, the manager asks it for its status every heartbeat; if it
 * has not answered (nor acknowledged) for `missedBeats` heartbeats, it is gone (crashed or
 * cut off): the promotion is aborted and the manager fails over again.
 */
export function watchCandidate(ctx: ManagerContext): void {
  const w = ctx.w;
  const cand = ctx.candidate;
  if (!cand || ctx.promoteReceived !== ctx.attempt) return;
  if (w.now - ctx.candidateHeardUs >= ctx.s.heartbeatUs * ctx.s.missedBeats) {
    if (ctx.promoteCause === 'switchover') return abortSwitchover(ctx, `switchover aborted: ${cand.id} stopped answering`);
    ctx.state = 'failed';
    w.observer.failoverStep('aborted', { to: cand.id, text: `${cand.id} stopped answering during catch-up` }, w.now);
    return;
  }
  w.send(ctx.me, cand, { type: 'status-request', attempt: ctx.attempt, term: ctx.term });
}

/** The switchover under way is given up: the old primary is told to take writes again. */
export function abortSwitchover(ctx: ManagerContext, text: string): void {
  const w = ctx.w;
  const att = ctx.attempt++;
  ctx.state = 'watching';
  const old = ctx.primary;
  if (old) w.send(ctx.me, old, { type: 'resume-writes', attempt: att });
  w.observer.failoverStep('aborted', { from: old?.id, to: ctx.candidate?.id, text }, w.now);
}

/** The manager hears that the candidate is carrying out its order. */
export function onPromoteAck(ctx: ManagerContext, msg: PromoteAckMsg): void {
  if (msg.attempt !== ctx.attempt) return;
  ctx.promoteReceived = msg.attempt;
  ctx.candidateHeardUs = ctx.w.now;
}

/**
 * Tells a client group's router that writes go to `primary` (of `term`) now. If the message
 * is lost (a partition between the manager and the clients), the manager sends it again a
 * heartbeat later, for as long as that primary is still the one it knows.
 */
export function announcePrimary(ctx: ManagerContext, g: ClientGroup, primary: DbNode, term: number): void {
  ctx.w.send(ctx.me, g, { type: 'primary-is', primary: primary.id, term, replicas: ctx.replicas.map((n) => n.id) });
}

/** See `announcePrimary`. */
export function primaryIsLost(ctx: ManagerContext, g: ClientGroup, msg: PrimaryIsMsg): void {
  const w = ctx.w;
  w.after(ctx.s.heartbeatUs, () => {
    const p = ctx.primary;
    if (p && p.id === msg.primary && p.term === msg.term) announcePrimary(ctx, g, p, msg.term);
  });
}

/** The candidate stops replicating from the old primary. */
export function detach(ctx: ManagerContext, cand: DbNode): void {
  if (cand.upstream) ctx.w.streams.close(cand.upstream, cand);
  cand.upstream = null;
}

/** The candidate takes the primary role of `term` (its own state only). */
export function takeOver(ctx: ManagerContext, cand: DbNode, term: number): void {
  const w = ctx.w;
  const wasFenced = cand.fenced;
  cand.term = term;
  cand.role = 'primary';
  cand.syncLogKeySeqs();
  cand.fenced = false;
  cand.upstream = null;
  w.streams.closeServedBy(cand);
  cand.flushedLsn = cand.log.lastLsn;
  cand.leaseUntilUs = ctx.s.fencing === 'lease' ? w.now + ctx.s.leaseTtlUs : Infinity;
  w.modeOf(cand).reset(cand);
  w.observer.nodeChanged(cand, w.now);
  if (wasFenced) w.observer.fenceChanged(cand, false, 'promoted', w.now);
}

/**
 * The manager adopts `cand` as the primary of `term` (step `promoted`): every router is told
 * to send writes there, and every other node to follow it (step `repointed`). Which writes
 * this leaves out of history is the lost-write checker's finding, not the manager's.
 */
export function adoptPrimary(ctx: ManagerContext, cand: DbNode, old: DbNode | null, term: number, lastLsn: number, cause: PrimaryChangeCause): void {
  const w = ctx.w;
  ctx.term = Math.max(ctx.term, term);
  w.observer.failoverStep('promoted', { from: old?.id, to: cand.id, term, text: `${cand.id} is the primary (term ${term}), from LSN ${lastLsn}` }, w.now);
  ctx.pendingFork.clear();
  for (const n of w.nodes) if (n !== cand) ctx.pendingFork.set(n.index, commonPrefix(n, cand));
  ctx.primary = cand;
  ctx.replicas = ctx.replicas.filter((n) => n !== cand);
  ctx.lastFailoverUs = cause === 'switchover' ? -Infinity : w.now; // a switchover does not start the cooldown
  ctx.state = 'watching';
  ctx.candidate = null;
  ctx.missed = 0;
  ctx.awaiting = false;
  ctx.primaryCommitUs = cand.log.lastCommitUs;
  w.observer.primaryChanged(cand, old, cause, w.now);
  let told = 0;
  for (const n of w.nodes) {
    if (n === cand) continue;
    // MySQL tooling does not reattach the primary a failover replaced (errant.ts).
    if (n === old && cause === 'failover' && ctx.s.flavor === 'mysql') continue;
    ctx.countRepoint(n);
    w.send(ctx.me, n, { type: 'repoint', primary: cand.id, term });
    told++;
  }
  for (const g of w.groups) announcePrimary(ctx, g, cand, term);
  w.observer.failoverStep('repointed', { from: old?.id, to: cand.id, term, text: `${told} nodes told to follow ${cand.id}; the routers are told to send writes there` }, w.now);
}
