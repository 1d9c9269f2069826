import type { FaultConfig, FaultKind, FaultOf } from '../config.ts';
import type { World } from '../world-api.ts';
import { crash } from './crash.ts';
import { recover } from './recover.ts';
import { heal, partition } from './partition.ts';
import { degrade } from './degrade.ts';
import { stallApply } from './stall-apply.ts';
import { slowPrimary } from './slow-primary.ts';
import { promote } from './promote.ts';
import { switchover } from './switchover.ts';

/** A fault starts at `atUs`; it returns what undoes it at `untilUs`, if it lasts. */
export type FaultAction<F extends FaultConfig = FaultConfig> = (w: World, f: F) => (() => void) | void;

/** One action per kind, each taking its own kind's settings (the compiler checks all are here). */
const ACTIONS: { [K in FaultKind]: FaultAction<FaultOf<K>> } = {
  crash,
  recover,
  partition,
  heal,
  degrade,
  'stall-apply': stallApply,
  'slow-primary': slowPrimary,
  promote,
  switchover,
};

/**
 * Schedules every fault of the scenario (called once by World.start). A fault with
 * `untilUs` is undone then (partition healed, link restored, applier released, …).
 */
export function scheduleFaults(w: World): void {
  for (const f of w.config.faults) {
    // TypeScript cannot relate f.kind to the action's parameter; the mapped type above does.
    const action = ACTIONS[f.kind] as FaultAction;
    w.at(f.atUs, () => {
      const undo = action(w, f);
      if (undo && 'untilUs' in f && f.untilUs !== undefined) w.at(f.untilUs, undo);
    });
  }
}
