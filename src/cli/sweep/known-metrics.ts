// Refusing a misspelt metric before the runs, not after them.
import { simulate } from '../../metrics/simulate.ts';
import { didYouMean } from '../../scenario/did-you-mean.ts';
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
  const named = unknown.map((m) => `'${m}'${didYouMean(m, available)}`).join(', ');
  throw new BadInputError(
    `repsim: unknown metric${unknown.length > 1 ? 's' : ''} ${named}${where}.\n` +
      `Metrics are the report's numeric fields by path, here:\n${wrap(available.join(', '), 100, '  ')}`,
  );
}

function wrap(text: string, width: number, indent: string): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && indent.length + line.length + 1 + word.length > width) {
      lines.push(indent + line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '') lines.push(indent + line);
  return lines.join('\n');
}
