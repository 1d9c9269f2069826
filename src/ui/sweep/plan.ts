// A sweep from the page, planned as `repsim sweep` plans one: every combination of the varied
// values (first varied path slowest) × seeds S … S + N − 1, each job a whole document.
import { withValueAt } from '../../scenario/vary/document-path.ts';
import { cartesian, type SweepShape } from '../../scenario/vary/points.ts';
import { parseVary, type Vary } from '../../scenario/vary/spec.ts';
import { tryDuration } from '../../scenario/units.ts';

export interface SweepJob {
  index: number;
  point: number;
  seed: number | string;
  document: unknown;
}

export interface PageSweep {
  shape: Omit<SweepShape, 'metrics'>;
  jobs: SweepJob[];
  durationMs: number | null;
}

export interface SweepInput {
  document: unknown;
  /** PATH=SPEC texts, as `--vary` takes them; empty ones are ignored. */
  specs: string[];
  seedCount: number;
  /** The run's seed (the first of the sweep's seeds, as `repsim sweep` without --seed). */
  firstSeed: number | string;
  /** `--duration`: empty for the file's own. */
  duration: string;
}

/** Throws VaryError for a bad spec or path, Error for a bad count or duration. */
export function planSweep(input: SweepInput): PageSweep {
  const vary: Vary[] = input.specs.map((s) => s.trim()).filter((s) => s !== '').map(parseVary);
  if (vary.length === 0) throw new Error('Give at least one setting to vary, e.g. network.latency=1ms..20ms:5');
  const repeated = vary.map((v) => v.path).find((p, i, all) => all.indexOf(p) !== i);
  if (repeated) throw new Error(`${repeated} is varied twice; give all its values in one spec`);
  const n = input.seedCount;
  if (!Number.isSafeInteger(n) || n < 1 || n > 1000) throw new Error(`seeds must be a whole number from 1 to 1000, got ${n}`);
  if (n > 1 && typeof input.firstSeed !== 'number') throw new Error(`the scenario's seed '${input.firstSeed}' is not a number, so the seeds cannot count on from it; set a number seed first`);
  const seeds = typeof input.firstSeed === 'number' ? Array.from({ length: n }, (_, i) => (input.firstSeed as number) + i) : [input.firstSeed];
  let durationMs: number | null = null;
  if (input.duration.trim() !== '') {
    const us = tryDuration(input.duration.trim());
    if (us === undefined || us <= 0) throw new Error(`duration '${input.duration}' is not a duration (e.g. 5s, 500ms)`);
    durationMs = us / 1000;
  }
  const points = cartesian(vary.map((v) => v.values));
  const jobs: SweepJob[] = [];
  points.forEach((values, point) => {
    let document = input.document;
    vary.forEach((v, i) => (document = withValueAt(document, v.path, values[i])));
    // As `--duration D` does: the duration in ms, written into the document.
    if (durationMs !== null) document = { ...(document as object), duration: durationMs };
    for (const seed of seeds) jobs.push({ index: jobs.length, point, seed, document: { ...(document as object), seed } });
  });
  return { shape: { vary, seeds, points: points.length }, jobs, durationMs };
}
