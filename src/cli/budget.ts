import type { WorldConfig } from '../model/config.ts';
import { estimateWork, overBudget } from '../scenario/work-estimate.ts';
import { BadInputError } from './exit-codes.ts';

/**
 * Refuses, before it starts, a run that would take far longer than a person waits or more
 * memory than the machine should give it; `--allow-large` runs it anyway.
 */
export function refuseIfTooLarge(config: WorldConfig, file: string, allowLarge: boolean): void {
  if (allowLarge) return;
  const why = overBudget(estimateWork(config));
  if (why === null) return;
  throw new BadInputError(
    `repsim: ${file}: ${why}.\nShorten the duration (--duration), lower the rates or sizes, or pass --allow-large to run it anyway.`,
  );
}
