import type { FaultConfig } from '../config.ts';
import type { World } from '../world.ts';
import { crash } from './crash.ts';
import { recover } from './recover.ts';
import { heal, partition } from './partition.ts';
import { degrade } from './degrade.ts';
import { stallApply } from './stall-apply.ts';
import { slowPrimary } from './slow-primary.ts';
import { promote } from './promote.ts';
import { switchover } from './switchover.ts';

/** A fault starts at `atUs`; it returns what undoes it at `untilUs`, if it lasts. */
export type FaultAction = (w: World, f: FaultConfig) => (() => void) | void;

const ACTIONS: Record<string, FaultAction> = {
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
    const action = ACTIONS[f.kind];
    if (!action) throw new Error(`unknown fault kind ${f.kind}`);
    w.at(f.atUs, () => {
      const undo = action(w, f);
      if (undo && f.untilUs !== undefined) w.at(f.untilUs, undo);
    });
  }
}
