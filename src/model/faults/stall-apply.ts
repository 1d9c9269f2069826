import type { FaultOf } from '../config.ts';
import type { World } from '../world-api.ts';
import { nodeOf } from './target.ts';

/**
 * A long transaction (or a lock, or an ALTER) blocks a replica's applier: it keeps
 * receiving the log but applies nothing until the stall ends; then it works off the backlog.
 */
export function stallApply(w: World, f: FaultOf<'stall-apply'>): void {
  const node = nodeOf(w, f.node);
  if (!node) return;
  const until = f.untilUs;
  node.applyStalledUntilUs = Math.max(node.applyStalledUntilUs, until);
  w.observer.fault('stall-apply', [f.node], `${node.id}'s applier stalls for ${(until - w.now) / 1000} ms`, w.now);
  w.at(until, () => {
    if (w.now < node.applyStalledUntilUs) return; // a later stall extended it
    w.observer.fault('stall-apply', [f.node], `${node.id}'s applier resumes`, w.now);
    w.replica.kickApplier(node);
  });
}
