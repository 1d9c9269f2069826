// Which seeds a comparison or sweep runs: S, S + 1, …, S + N − 1.
import type { Scenario } from '../../scenario/index.ts';
import { BadInputError } from '../exit-codes.ts';

/** S is `--seed`, else the scenario's own seed, so `--seeds 1` reproduces `repsim run`. */
export function seedList(command: string, scenario: Scenario, count: number, first: number | undefined): (number | string)[] {
  const own = scenario.config.seed;
  const start = first ?? own;
  if (typeof start === 'number') return Array.from({ length: count }, (_, i) => start + i);
  if (count === 1) return [start];
  throw new BadInputError(
    `repsim ${command}: the scenario's seed '${own}' is not a number, so --seeds ${count} cannot count on from it; give --seed S to run seeds S … S + ${count - 1}`,
  );
}
