import type { DbNode } from '../node.ts';
import type { ManagerContext } from './context.ts';
import { commonPrefix } from './rollback.ts';

/**
 * `failover.flavor: mysql`: a former primary that a failover replaced and that reports in
 * again (it restarted) is left out, as Orchestrator and MHA leave a dead master that returns.
 * Its transactions past the fork with the new primary were never replicated: in MySQL they
 * are *errant GTIDs* (executed there, missing from the rest of the cluster), and a server
 * holding them cannot simply be pointed at the new primary (Orchestrator refuses to relocate
 * it; MHA removes it from its configuration). No tool rewinds it: it stays out, with its own
 * data, until an operator acts (discards it and clones a new replica, or injects empty
 * transactions for the errant GTIDs). The manager counts what it sees, as Orchestrator
 * reports errant GTIDs by comparing gtid_executed sets: the entries the node holds past its
 * fork with the primary. Sources: Orchestrator docs "Topology recovery" (a demoted master is
 * not reattached) and "Errant GTID"; MHA docs (the failed master is removed from the config).
 */
export function leaveOut(ctx: ManagerContext, node: DbNode, primary: DbNode): void {
  const w = ctx.w;
  const fork = commonPrefix(node, primary);
  const last = node.log.lastLsn;
  w.observer.errantFound?.(node, primary, fork, last, w.now);
}
