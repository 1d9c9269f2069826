// Refusing a misspelt metric before the runs, not after them.
import { simulate } from '../../metrics/simulate.ts';
import type { Scenario } from '../../scenario/index.ts';
import { BadInputError } from '../exit-codes.ts';
import { numericMetrics } from './metrics.ts';

/**
 * Which metrics a report has depends on the scenario (replica and group names), so run it
 * for 1 µs (a few ms of work) and look at the report's shape.
 */
export function assertKnownMetrics(metrics: readonly string[], scenario: Scenario, where = ''): void {
  const available = numericMetrics(simulate({ ...scenario.config, durationUs: 1 })).map(([name]) => name);
  const unknown = metrics.filter((m) => !available.includes(m));
  if (unknown.length === 0) return;
  throw new BadInputError(
    `repsim: unknown metric${unknown.length > 1 ? 's' : ''} ${unknown.map((m) => `'${m}'`).join(', ')}${where}.\n` +
      `Metrics are numeric fields of the report, by path:\n  ${available.join('\n  ')}`,
  );
}
