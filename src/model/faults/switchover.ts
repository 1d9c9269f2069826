import type { FaultOf } from '../config.ts';
import type { World } from '../world-api.ts';
import { nodeOf } from './target.ts';

/**
 * A planned switchover: the primary stops taking writes, the candidate receives and
 * applies everything, it is promoted and the old primary follows it. Nothing is lost; the
 * clients see a short write outage and retry.
 */
export function switchover(w: World, f: FaultOf<'switchover'>): void {
  const node = nodeOf(w, f.node);
  w.observer.fault('switchover', [f.node], `planned switchover to ${f.node}`, w.now);
  if (node) w.failover.switchover(node);
}
