import type { ProbeMsg, ProbeOkMsg, StatusMsg, StatusRequestMsg } from '../message.ts';
import type { DbNode } from '../node.ts';
import type { ManagerContext, SurveyAnswer } from './context.ts';
import { promote } from './promotion.ts';

/**
 * With the primary declared failed: unless automatic failover is off or the cooldown since
 * the last one has not passed, ask every other node for its received position, and choose
 * `surveyTimeout` later (`finishSurvey`; default one heartbeat). Orchestrator and MHA likewise
 * read every replica's position before choosing; how long they wait for slow answers is a
 * setting of theirs too, so it is one here.
 */
export function tryFailover(ctx: ManagerContext, p: DbNode): void {
  const w = ctx.w;
  if (!ctx.s.automatic) {
    ctx.state = 'manual-wait';
    ctx.once('manual', 'waiting', 'automatic failover is off: writes stay down until an operator promotes a replica', p.id);
    return;
  }
  if (w.now < ctx.lastFailoverUs + ctx.s.cooldownUs) {
    ctx.once('cooldown', 'blocked', `cooldown: the last failover was ${(w.now - ctx.lastFailoverUs) / 1e6} s ago (cooldown ${ctx.s.cooldownUs / 1e6} s)`, p.id);
    return;
  }
  ctx.state = 'surveying';
  const att = ++ctx.attempt;
  ctx.answers.clear();
  for (const n of w.nodes) if (n !== p) w.send(ctx.me, n, { type: 'status-request', attempt: att, term: ctx.term });
  w.after(ctx.s.surveyTimeoutUs, () => finishSurvey(ctx, p, att));
}

/**
 * A replica is asked for its status. With `confirmByReplicas` it first probes its upstream
 * for half the survey's time, and answers whether it reached it.
 */
export function onStatusRequest(ctx: ManagerContext, node: DbNode, msg: StatusRequestMsg): void {
  const w = ctx.w;
  if (node.role !== 'replica') return;
  const att = msg.attempt;
  if (!ctx.s.confirmByReplicas || !node.upstream) return answerStatus(ctx, node, att, false);
  const probes = ctx.agents.probes;
  probes.set(node.index, { attempt: att, reached: false });
  w.send(node, node.upstream, { type: 'probe', attempt: att });
  w.after(ctx.s.surveyTimeoutUs / 2, () => {
    const pr = probes.get(node.index);
    if (pr && pr.attempt === att && node.up) answerStatus(ctx, node, att, pr.reached);
  });
}

function answerStatus(ctx: ManagerContext, node: DbNode, att: number, seesPrimary: boolean): void {
  ctx.w.send(node, ctx.me, {
    type: 'status',
    attempt: att,
    lastLsn: node.log.lastLsn,
    lastTerm: node.lastTerm,
    lastCommitUs: node.log.lastCommitUs,
    seesPrimary,
  });
}

/** The (old) primary answers a replica's probe. */
export function onProbe(ctx: ManagerContext, node: DbNode, from: DbNode, msg: ProbeMsg): void {
  if (node.role !== 'primary') return;
  ctx.w.send(node, from, { type: 'probe-ok', attempt: msg.attempt });
}

/** The replica's probe reached its upstream. */
export function onProbeOk(ctx: ManagerContext, node: DbNode, msg: ProbeOkMsg): void {
  const pr = ctx.agents.probes.get(node.index);
  if (pr && pr.attempt === msg.attempt) pr.reached = true;
}

/** The manager records a replica's answer, if it belongs to the current survey. */
export function onStatus(ctx: ManagerContext, node: DbNode, msg: StatusMsg): void {
  if (msg.attempt !== ctx.attempt) return;
  if (ctx.state === 'promoting' && node === ctx.candidate) ctx.candidateHeardUs = ctx.w.now; // see watchCandidate
  ctx.answers.set(node.index, { node, lsn: msg.lastLsn, term: msg.lastTerm, commitUs: msg.lastCommitUs, seesPrimary: msg.seesPrimary });
}

/**
 * Chooses from the answers: a replica that still sees the primary makes it a false alarm;
 * otherwise the best candidate (see `compare`) is promoted, unless it is more than
 * `maxLagOnFailover` behind what the primary last reported (downtime instead of loss).
 */
function finishSurvey(ctx: ManagerContext, p: DbNode, att: number): void {
  const w = ctx.w;
  if (att !== ctx.attempt || ctx.state !== 'surveying') return;
  const answers = [...ctx.answers.values()];
  if (ctx.s.confirmByReplicas) {
    const seer = answers.find((a) => a.seesPrimary);
    if (seer) {
      ctx.state = 'watching';
      ctx.missed = 0;
      w.observer.failoverStep('cleared', { from: p.id, text: `not confirmed: ${seer.node.id} still reaches ${p.id}, so only the manager lost it` }, w.now);
      return;
    }
  }
  if (answers.length === 0) {
    ctx.state = 'failed';
    ctx.once('none', 'no-candidate', 'no replica answered: nothing to promote', p.id);
    return;
  }
  answers.sort((a, b) => compare(ctx, a, b));
  const best = answers[0];
  const lagUs = Math.max(0, ctx.primaryCommitUs - best.commitUs);
  if (ctx.s.maxLagOnFailoverUs !== null && lagUs > ctx.s.maxLagOnFailoverUs) {
    ctx.state = 'refused';
    ctx.once('refused', 'refused', `${best.node.id} is ${(lagUs / 1000).toFixed(1)} ms behind, more than maxLagOnFailover ${ctx.s.maxLagOnFailoverUs / 1000} ms: no promotion (writes stay down rather than lose data)`, p.id);
    return;
  }
  promote(ctx, best.node, p, `${best.node.id} has the newest log (LSN ${best.lsn}, term ${best.term})${lagUs > 0 ? `, ${(lagUs / 1000).toFixed(1)} ms behind` : ''}`, 'failover');
}

/** Newest (term, LSN) first; priority breaks ties (or goes first with priorityOrder). */
function compare(ctx: ManagerContext, a: SurveyAnswer, b: SurveyAnswer): number {
  const pos = b.term - a.term || b.lsn - a.lsn;
  const pri = b.node.config.priority - a.node.config.priority;
  const order = ctx.s.priorityOrder ? pri || pos : pos || pri;
  return order || a.node.index - b.node.index;
}
