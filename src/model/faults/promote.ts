import type { FaultConfig } from '../config.ts';
import type { World } from '../world.ts';
import { nodeOf } from './target.ts';

/**
 * An operator promotes a replica by hand (e.g. with `automatic: false`, after the primary
 * died). The failover manager carries it out: catch-up, promotion with a new term, repoint.
 * Nothing checks that the old primary is really gone: promoting while it lives splits the brain.
 */
export function promote(w: World, f: FaultConfig): void {
  const node = nodeOf(w, f.nodes[0]);
  w.observer.fault('promote', f.nodes, `operator promotes ${f.nodes[0]}`, w.now);
  if (node) w.failover.manualPromote(node);
}
