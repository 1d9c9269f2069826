// Combines results files (shards, in any order) into the full list of per-job values.
import { BadInputError } from '../exit-codes.ts';
import type { MetricValue } from './metrics.ts';
import type { PlanHeader } from './plan.ts';
import { readResults } from './results-file.ts';

export function mergeResults(paths: readonly string[]): { header: PlanHeader; results: MetricValue[][] } {
  let header: PlanHeader | undefined;
  let headerText = '';
  const results: (MetricValue[] | undefined)[] = [];
  for (const path of paths) {
    const file = readResults(path);
    if (header === undefined) {
      header = file.header;
      headerText = JSON.stringify(file.header);
      results.length = header.jobs;
    } else if (JSON.stringify(file.header) !== headerText) {
      throw new BadInputError(`repsim sweep --merge: ${path} comes from another plan than ${paths[0]}`);
    }
    for (const line of file.lines) {
      if (!(line.index >= 0 && line.index < header.jobs)) throw new BadInputError(`repsim sweep --merge: ${path}: job ${line.index} is not in the plan (0 to ${header.jobs - 1})`);
      const earlier = results[line.index];
      if (earlier && JSON.stringify(earlier) !== JSON.stringify(line.values)) {
        throw new BadInputError(`repsim sweep --merge: job ${line.index} appears twice with different values (${path})`);
      }
      results[line.index] = line.values;
    }
  }
  if (!header) throw new BadInputError('repsim sweep --merge: needs at least one results file');
  // `results.length = n` leaves holes that flatMap and filter would skip: count by index.
  const holes = Array.from({ length: header.jobs }, (_, i) => i).filter((i) => results[i] === undefined);
  if (holes.length > 0) {
    const shown = holes.slice(0, 10).join(', ') + (holes.length > 10 ? ', …' : '');
    throw new BadInputError(`repsim sweep --merge: ${holes.length} of ${header.jobs} jobs have no result (jobs ${shown}); is a shard missing?`);
  }
  return { header, results: results as MetricValue[][] };
}
