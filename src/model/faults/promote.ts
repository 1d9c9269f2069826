import type { FaultOf } from '../config.ts';
import type { World } from '../world-api.ts';
import { nodeOf } from './target.ts';

/**
 * An operator promotes a replica by hand (e.g. with `automatic: false`, after the primary
 * died). The failover manager carries it out: catch-up, promotion with a new term, repoint.
 * Nothing checks that the old primary is really gone: promoting while it lives splits the brain.
 */
export function promote(w: World, f: FaultOf<'promote'>): void {
  const node = nodeOf(w, f.node);
  w.observer.fault('promote', [f.node], `operator promotes ${f.node}`, w.now);
  if (node) w.failover.manualPromote(node);
}
