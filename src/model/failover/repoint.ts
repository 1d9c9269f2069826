import type { DivergedMsg, HelloMsg, RepointMsg } from '../message.ts';
import type { DbNode } from '../node.ts';
import type { ManagerContext } from './context.ts';
import { announcePrimary } from './promotion.ts';
import { rollBack } from './rollback.ts';
import { leaveOut } from './errant.ts';

/**
 * Bringing the other nodes in line behind the newest primary: repoints (sent at a
 * promotion), hellos (a node asking whom to follow), retries of either when lost, and the
 * rollback of a subscriber that holds entries the primary lacks.
 */

/** A node told to follow `msg.primary`; stale or self-addressed repoints are ignored. */
export function onRepoint(ctx: ManagerContext, node: DbNode, msg: RepointMsg): void {
  const primary = ctx.w.nodeById.get(msg.primary);
  if (!primary || primary === node || msg.term < node.term) return;
  follow(ctx, node, primary, msg.term);
}

/** `node` becomes (or stays) a replica of `primary`, of `term`; it rolls back on subscribing if it must. */
export function follow(ctx: ManagerContext, node: DbNode, primary: DbNode, term: number): void {
  const w = ctx.w;
  const wasPrimary = node.role === 'primary';
  if (node.upstream && node.upstream !== primary) w.streams.close(node.upstream, node);
  node.role = 'replica';
  node.term = term;
  if (node.fenced) {
    node.fenced = false;
    w.observer.fenceChanged(node, false, 'demoted', w.now);
  }
  node.leaseUntilUs = Infinity;
  node.upstream = primary;
  if (wasPrimary) {
    w.modeOf(node).reset(node);
    // Demotion closes its replication connections: each replica at the other end sees its
    // connection close, retries, gets refused, and asks the manager whom to follow.
    for (const i of w.streams.closeServedBy(node)) w.replica.streamClosed(w.nodes[i], node);
  }
  w.observer.nodeChanged(node, w.now);
  w.replica.connect(node);
  w.replica.kickApplier(node);
  // The manager lists only nodes it knows follow its primary (the routers' read targets): a
  // former primary tells it that it follows now.
  if (wasPrimary) askForPrimary(ctx, node);
}

/**
 * `node` asks whom to follow (after a restart, or when the node it follows refused its
 * subscribe). A control request, so that a loss is seen and retried (`controlLost`).
 */
export function askForPrimary(ctx: ManagerContext, node: DbNode): void {
  const hello: HelloMsg = { type: 'hello', term: node.term, isPrimary: node.role === 'primary', following: node.upstream?.id ?? null };
  ctx.w.send(node, ctx.me, hello);
}

/**
 * The manager answers a hello with a repoint, unless the node already follows the primary;
 * then, if the node is new among the replicas it knows, it tells the routers to read from it.
 */
export function onHello(ctx: ManagerContext, node: DbNode, msg: HelloMsg): void {
  const p = ctx.primary;
  if (!p || p === node) return;
  // MySQL tooling leaves a replaced primary out (errant.ts); PostgreSQL's rewinds it (below).
  if (msg.isPrimary && ctx.s.flavor === 'mysql' && msg.term < p.term) return leaveOut(ctx, node, p);
  if (msg.isPrimary || msg.following !== p.id) return sendRepoint(ctx, node, p);
  if (ctx.replicas.includes(node)) return;
  ctx.replicas.push(node);
  for (const g of ctx.w.groups) announcePrimary(ctx, g, p, p.term);
}

function sendRepoint(ctx: ManagerContext, node: DbNode, p: DbNode): void {
  ctx.countRepoint(node);
  ctx.w.send(ctx.me, node, { type: 'repoint', primary: p.id, term: p.term });
}

/**
 * A repoint or a hello was lost (cut link, node down): without a retry, a node cut off
 * during a failover would follow the deposed primary, or stay one, forever. The manager
 * tries again every heartbeat while the node is up and still out of line (Orchestrator
 * retries a failed CHANGE MASTER; Patroni's loop reconciles with the DCS). A node that is
 * down asks for itself when it restarts.
 */
export function helloLost(ctx: ManagerContext, node: DbNode): void {
  const inc = node.incarnation;
  ctx.w.after(ctx.s.heartbeatUs, () => {
    if (node.up && node.incarnation === inc) askForPrimary(ctx, node);
  });
}

/**
 * See `helloLost`: the manager retries a lost repoint, from what it knows itself: unless the
 * node was down (it asks on restart), the primary changed meanwhile, or the manager has sent
 * the node another repoint since (answering its hello, or a retry already under way).
 */
export function repointLost(ctx: ManagerContext, node: DbNode, msg: RepointMsg, how: 'unreachable' | 'refused'): void {
  if (how === 'refused') return;
  const w = ctx.w;
  const sent = ctx.repointsSent.get(node.index) ?? 0;
  w.after(ctx.s.heartbeatUs, () => {
    const p = ctx.primary;
    if (!p || p.term !== msg.term || p === node) return; // superseded
    if ((ctx.repointsSent.get(node.index) ?? 0) === sent) sendRepoint(ctx, node, p);
  });
}

/**
 * The primary `from` answered this node's subscribe: its log holds entries the primary's
 * lacks. The node rolls itself back to the fork and subscribes again from there.
 */
export function onDiverged(ctx: ManagerContext, node: DbNode, from: DbNode, msg: DivergedMsg): void {
  if (node.upstream !== from || node.role !== 'replica' || !node.up) return; // no longer its primary
  rollBack(ctx.w, node, from, msg);
  ctx.w.replica.connect(node);
}
