import type { WorldConfig } from '../model/config.ts';
import { estimateWork, overBudget } from '../scenario/work-estimate.ts';
import { formatPath } from '../scenario/issues.ts';
import type { Locator } from '../scenario/locate.ts';
import { BadInputError } from './exit-codes.ts';

/**
 * Refuses, before it starts, a run that would take far longer than a person waits or more
 * memory than the machine should give it; `--allow-large` runs it anyway.
 */
export function refuseIfTooLarge(config: WorldConfig, file: string, allowLarge: boolean, locate?: Locator): void {
  if (allowLarge) return;
  const estimate = estimateWork(config);
  const why = overBudget(estimate);
  if (why === null) return;
  // Point at the field that drives the work most, as validation errors do (file:line:col: path:).
  const path = estimate.topEventField;
  const at = locate?.(path);
  const where = at ? `${file}:${at.line}:${at.column}: ${formatPath(path)}` : `repsim: ${file}`;
  throw new BadInputError(`${where}: ${why}.\nShorten the duration (--duration), lower the rates or sizes, or pass --allow-large to run it anyway.`);
}
