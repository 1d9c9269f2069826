import type { DbNode } from '../node.ts';
import { POLL_US, type ManagerContext } from './context.ts';
import { adoptPrimary, detach, promote, takeOver } from './promotion.ts';
import { follow } from './repoint.ts';

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

/** Planned switchover: fence the primary, let the candidate catch up fully, promote, demote. */
export function switchover(ctx: ManagerContext, cand: DbNode): void {
  const w = ctx.w;
  const old = ctx.primary;
  if (!old || old === cand || cand.role !== 'replica' || !cand.up || !old.up) {
    w.observer.failoverStep('refused', { to: cand.id, text: `switchover to ${cand.id} is not possible now` }, w.now);
    return;
  }
  ctx.state = 'promoting';
  const att = ++ctx.attempt;
  const term = w.clusterTerm + 1;
  old.fenced = true;
  w.observer.nodeChanged(old, w.now);
  w.observer.fenceChanged(old, true, 'switchover', w.now);
  w.observer.failoverStep('candidate', { from: old.id, to: cand.id, term, text: `switchover: ${old.id} stops taking writes; ${cand.id} catches up` }, w.now);
  const deadline = w.now + SWITCHOVER_LIMIT_US;
  const poll = () => {
    if (att !== ctx.attempt) return;
    const target = old.log.lastLsn;
    const idle = !old.committing && old.commitHead >= old.commitQueue.length;
    if (!(idle && cand.log.lastLsn >= target && cand.appliedLsn >= target)) {
      if (w.now < deadline && cand.up) return w.after(POLL_US, poll);
      old.fenced = false;
      ctx.state = 'watching';
      w.observer.nodeChanged(old, w.now);
      w.observer.fenceChanged(old, false, 'switchover-aborted', w.now);
      w.observer.failoverStep('aborted', { from: old.id, to: cand.id, text: `switchover aborted: ${cand.id} did not catch up` }, w.now);
      return;
    }
    w.observer.failoverStep('catch-up', { from: old.id, to: cand.id, term, text: `${cand.id} has applied everything up to LSN ${target}` }, w.now);
    detach(ctx, cand);
    ctx.lastFailoverUs = -Infinity; // a switchover does not start the cooldown
    takeOver(ctx, cand, term);
    adoptPrimary(ctx, cand, old, term, cand.log.lastLsn, 'switchover');
    ctx.lastFailoverUs = -Infinity;
    follow(ctx, old, cand, term);
  };
  poll();
}
