import type { FaultConfig } from '../config.ts';
import type { World } from '../world.ts';
import { nodeOf } from './target.ts';

/** Without `until`/`for`, an apply stall lasts this long. */
export const DEFAULT_STALL_US = 10_000_000;

/**
 * A long transaction (or a lock, or an ALTER) blocks a replica's applier: it keeps
 * receiving the log but applies nothing until the stall ends; then it works off the backlog.
 */
export function stallApply(w: World, f: FaultConfig): void {
  const node = nodeOf(w, f.nodes[0]);
  if (!node) return;
  const until = f.untilUs ?? f.atUs + DEFAULT_STALL_US;
  node.applyStalledUntilUs = Math.max(node.applyStalledUntilUs, until);
  w.observer.fault('stall-apply', f.nodes, `${node.id}'s applier stalls for ${(until - w.now) / 1000} ms`, w.now);
  w.at(until, () => {
    if (w.now < node.applyStalledUntilUs) return; // a later stall extended it
    w.observer.fault('stall-apply', f.nodes, `${node.id}'s applier resumes`, w.now);
    w.replica.kickApplier(node);
  });
}
