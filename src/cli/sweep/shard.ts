// Which jobs a shard runs. Round-robin by job index, so each shard gets a fair share of every
// point (points differ in cost: a 100 ms link makes more events than a 1 ms one).
import { BadInputError } from '../exit-codes.ts';

export interface Shard {
  /** 1-based, as people and most schedulers count (`--shard 1/3` … `--shard 3/3`). */
  index: number;
  count: number;
}

export function parseShard(text: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!m || count < 1 || index < 1 || index > count || !Number.isSafeInteger(count)) {
    throw new BadInputError(
      `repsim sweep: --shard must be I/N with 1 ≤ I ≤ N (e.g. --shard 2/3 runs the second of three shards), got '${text}'\nTry 'repsim sweep --help'.`,
    );
  }
  return { index, count };
}

export function inShard(jobIndex: number, shard: Shard): boolean {
  return jobIndex % shard.count === shard.index - 1;
}
