import type { PingMsg, PongMsg } from '../message.ts';
import type { DbNode } from '../node.ts';
import type { ManagerContext } from './context.ts';
import { tryFailover } from './survey.ts';
import { watchCandidate } from './promotion.ts';

/**
 * Failure detection: every `heartbeat` the manager pings the primary; after `missedBeats`
 * pings without an answer it declares the primary failed. With lease fencing each ping
 * also renews the primary's lease, so a primary cut off from the manager fences itself.
 */
export function tick(ctx: ManagerContext): void {
  const w = ctx.w;
  const p = ctx.primary;
  if (ctx.state !== 'promoting' && p) {
    if (ctx.awaiting) {
      if (ctx.missed === 0) ctx.suspectSinceUs = w.now - ctx.s.heartbeatUs;
      ctx.missed++;
    }
    ctx.pingSeq++;
    ctx.awaiting = true;
    ctx.lastGrantUs = w.now;
    w.send(ctx.me, p, { type: 'ping', seq: ctx.pingSeq, term: p.term, leaseFromUs: w.now });
    if (ctx.state === 'watching' && ctx.missed >= ctx.s.missedBeats) declare(ctx, p);
    else if (ctx.state === 'failed' || ctx.state === 'refused') tryFailover(ctx, p);
  }
  if (ctx.state === 'promoting') watchCandidate(ctx);
  w.after(ctx.s.heartbeatUs, () => tick(ctx));
}

/** The primary answers a ping (and, with lease fencing, extends its lease from the ping's send time). */
export function onPing(ctx: ManagerContext, node: DbNode, msg: PingMsg): void {
  const w = ctx.w;
  if (node.role !== 'primary' || msg.term < node.term) return;
  if (ctx.s.fencing === 'lease') {
    node.leaseUntilUs = msg.leaseFromUs + ctx.s.leaseTtlUs;
    if (node.fenced) {
      node.fenced = false;
      w.observer.nodeChanged(node, w.now);
      w.observer.fenceChanged(node, false, 'lease-renewed', w.now);
    }
    const until = node.leaseUntilUs;
    w.at(until, () => {
      if (node.leaseUntilUs !== until || node.fenced || node.role !== 'primary') return;
      node.fenced = true;
      // As Patroni demotes a primary that lost its leader key: connections are dropped,
      // so commits waiting for replica acknowledgements are never acknowledged.
      w.modeOf(node).reset(node);
      w.observer.nodeChanged(node, w.now);
      w.observer.fenceChanged(node, true, 'lease', w.now);
    });
  }
  w.send(node, ctx.me, { type: 'pong', seq: msg.seq, term: node.term, lastLsn: node.log.lastLsn, lastCommitUs: node.log.lastCommitUs });
}

/** An answer from the router's primary: it is alive, so any failover under way stands down. */
export function onPong(ctx: ManagerContext, from: DbNode, msg: PongMsg): void {
  const w = ctx.w;
  const p = ctx.primary;
  if (!p || from !== p) return;
  ctx.awaiting = false;
  ctx.missed = 0;
  ctx.lastPongUs = w.now;
  ctx.primaryCommitUs = Math.max(ctx.primaryCommitUs, msg.lastCommitUs);
  if (ctx.state === 'failed' || ctx.state === 'refused' || ctx.state === 'manual-wait' || ctx.state === 'surveying') {
    ctx.state = 'watching';
    ctx.attempt++;
    w.observer.failoverStep('cleared', { from: p.id, text: `${p.id} answers heartbeats again: no failover` }, w.now);
  }
}

/**
 * Declares `p` failed (step `detected`). The failure time is the noted fault when it explains
 * this outage (after the last failover, and no earlier than a heartbeat before the last
 * answer), else the first missed heartbeat.
 */
function declare(ctx: ManagerContext, p: DbNode): void {
  const w = ctx.w;
  ctx.state = 'failed';
  ctx.noted.clear();
  const fault = ctx.faultAt.get(p);
  const failedAtUs = fault !== undefined && fault > ctx.lastFailoverUs && fault >= ctx.lastPongUs - ctx.s.heartbeatUs ? fault : ctx.suspectSinceUs;
  w.observer.failoverStep('detected', { from: p.id, term: p.term, failedAtUs, text: `${p.id} missed ${ctx.missed} heartbeats: declared failed` }, w.now);
  tryFailover(ctx, p);
}
