import type { ResumeWritesMsg, StopWritesMsg, WritesStoppedMsg } from '../message.ts';
import type { DbNode } from '../node.ts';
import { POLL_US, type ManagerContext } from './context.ts';
import { abortSwitchover, promote } from './promotion.ts';

/** A switchover gives up if the candidate has not caught up within this. */
const SWITCHOVER_LIMIT_US = 30_000_000;

/** Manual promote (a `promote` fault): no detection, no lag check. */
export function manualPromote(ctx: ManagerContext, cand: DbNode): void {
  if (cand.role !== 'replica' || !cand.up) {
    ctx.w.observer.failoverStep('refused', { to: cand.id, text: `${cand.id} cannot be promoted (${cand.up ? cand.role : 'down'})` }, ctx.w.now);
    return;
  }
  promote(ctx, cand, ctx.primary, `operator promotes ${cand.id}`, 'promote');
}

/**
 * Planned switchover, by messages: the primary is told to stop taking writes and answers with
 * where its log ends once its commit queue is drained; the candidate is then told to promote
 * once it has received and applied that much (keeping its stream until then); it reports
 * `promoted`, the manager adopts it and repoints everyone, the old primary included. If that
 * has not happened within SWITCHOVER_LIMIT_US, or the candidate falls silent, the primary is
 * told to resume writes.
 */
export function switchover(ctx: ManagerContext, cand: DbNode): void {
  const w = ctx.w;
  const old = ctx.primary;
  // The operator's preconditions, checked on the servers before starting.
  if (!old || old === cand || cand.role !== 'replica' || !cand.up || !old.up) {
    w.observer.failoverStep('refused', { to: cand.id, text: `switchover to ${cand.id} is not possible now` }, w.now);
    return;
  }
  ctx.state = 'promoting';
  ctx.promoteCause = 'switchover';
  ctx.candidate = cand;
  const att = ++ctx.attempt;
  const term = ctx.term + 1;
  ctx.promoteTerm = term;
  w.observer.failoverStep('candidate', { from: old.id, to: cand.id, term, text: `switchover: ${old.id} stops taking writes; ${cand.id} catches up` }, w.now);
  w.send(ctx.me, old, { type: 'stop-writes', attempt: att, term });
  w.after(SWITCHOVER_LIMIT_US, () => {
    if (ctx.attempt === att && ctx.state === 'promoting') abortSwitchover(ctx, `switchover aborted: ${cand.id} did not catch up`);
  });
}

/** The primary stops taking writes and reports its last LSN once its commit queue is drained. */
export function onStopWrites(ctx: ManagerContext, node: DbNode, msg: StopWritesMsg): void {
  const w = ctx.w;
  if (node.role !== 'primary' || msg.term <= node.term) return;
  const orders = ctx.agents.stopping;
  orders.set(node.index, msg.attempt);
  if (!node.fenced) {
    node.fenced = true;
    w.observer.nodeChanged(node, w.now);
    w.observer.fenceChanged(node, true, 'switchover', w.now);
  }
  const inc = node.incarnation;
  const poll = () => {
    if (orders.get(node.index) !== msg.attempt || !node.up || node.incarnation !== inc) return;
    if (node.committing || node.commitHead < node.commitQueue.length) return w.after(POLL_US, poll);
    w.send(node, ctx.me, { type: 'writes-stopped', attempt: msg.attempt, lsn: node.log.lastLsn });
  };
  poll();
}

/** The old primary is drained: the candidate is told to promote once it holds all of its log. */
export function onWritesStopped(ctx: ManagerContext, from: DbNode, msg: WritesStoppedMsg): void {
  const cand = ctx.candidate;
  if (msg.attempt !== ctx.attempt || ctx.state !== 'promoting' || from !== ctx.primary || !cand) return;
  ctx.w.send(ctx.me, cand, { type: 'promote', attempt: msg.attempt, term: ctx.promoteTerm, leaseEndUs: 0, catchUpToLsn: msg.lsn });
}

/** The switchover was aborted: the primary takes writes again (unless it has moved on since). */
export function onResumeWrites(ctx: ManagerContext, node: DbNode, msg: ResumeWritesMsg): void {
  const w = ctx.w;
  if (ctx.agents.stopping.get(node.index) !== msg.attempt) return;
  ctx.agents.stopping.delete(node.index);
  if (node.role !== 'primary' || !node.fenced) return;
  node.fenced = false;
  w.observer.nodeChanged(node, w.now);
  w.observer.fenceChanged(node, false, 'switchover-aborted', w.now);
}
