import type { FaultConfig } from '../config.ts';
import type { World } from '../world.ts';

/** The primary (at the fault's time) commits `factor` times slower until `until`. */
export function slowPrimary(w: World, f: FaultConfig): (() => void) | void {
  const node = w.failover.primary;
  if (!node) return;
  const factor = typeof f.params.factor === 'number' ? f.params.factor : 1;
  node.commitFactor = factor;
  w.observer.fault('slow-primary', [node.id], `${node.id} commits ×${factor} slower`, w.now);
  return () => {
    node.commitFactor = 1;
    w.observer.fault('slow-primary', [node.id], `${node.id} commits at normal speed`, w.now);
  };
}
