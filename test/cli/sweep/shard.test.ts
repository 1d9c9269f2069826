import { describe, expect, it } from 'vitest';
import { BadInputError } from '../../../src/cli/exit-codes.ts';
import { inShard, parseShard } from '../../../src/cli/sweep/shard.ts';

describe('shards', () => {
  it('put every job in exactly one shard, round-robin', () => {
    const shards = [1, 2, 3].map((index) => ({ index, count: 3 }));
    for (let job = 0; job < 20; job++) expect(shards.filter((s) => inShard(job, s))).toHaveLength(1);
    expect(Array.from({ length: 7 }, (_, j) => j).filter((j) => inShard(j, shards[1]))).toEqual([1, 4]);
  });

  it('are written I/N counting from 1', () => {
    expect(parseShard('2/3')).toEqual({ index: 2, count: 3 });
    for (const bad of ['0/3', '4/3', '1/0', '1', 'a/b', '-1/3']) expect(() => parseShard(bad)).toThrow(BadInputError);
  });
});
