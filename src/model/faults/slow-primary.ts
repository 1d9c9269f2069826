import type { FaultOf } from '../config.ts';
import type { World } from '../world-api.ts';

/** The primary (at the fault's time) commits `factor` times slower until `until`. */
export function slowPrimary(w: World, f: FaultOf<'slow-primary'>): (() => void) | void {
  const node = w.failover.primary;
  if (!node) return;
  const factor = f.factor;
  node.commitFactor = factor;
  w.observer.fault('slow-primary', [node.id], `${node.id} commits ×${factor} slower`, w.now);
  return () => {
    node.commitFactor = 1;
    w.observer.fault('slow-primary', [node.id], `${node.id} commits at normal speed`, w.now);
  };
}
