import { describe, expect, it } from 'vitest';
import { RngStreams } from '../../src/sim/rng.ts';

const draw = (rng: () => number, n: number) => Array.from({ length: n }, rng);

describe('RngStreams', () => {
  it('gives the same numbers for the same seed and stream name', () => {
    expect(draw(new RngStreams(7).get('workload/uploaders'), 5)).toEqual(draw(new RngStreams(7).get('workload/uploaders'), 5));
  });

  it('gives different numbers for another seed or another name', () => {
    const base = draw(new RngStreams(7).get('a'), 5);
    expect(draw(new RngStreams(8).get('a'), 5)).not.toEqual(base);
    expect(draw(new RngStreams(7).get('b'), 5)).not.toEqual(base);
  });

  it('keeps a stream unchanged when other streams are created or drawn from first', () => {
    const alone = draw(new RngStreams(3).get('net/primary->replica-1'), 10);
    const streams = new RngStreams(3);
    draw(streams.get('net/primary->replica-2'), 100);
    expect(draw(streams.get('net/primary->replica-1'), 10)).toEqual(alone);
  });

  it('draws uniformly on [0, 1)', () => {
    const xs = draw(new RngStreams(11).get('u'), 100_000);
    expect(xs.reduce((a, b) => Math.min(a, b))).toBeGreaterThanOrEqual(0);
    expect(xs.reduce((a, b) => Math.max(a, b))).toBeLessThan(1);
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    // Uniform: σ = 1/√12; the sample mean's standard error is σ/√n. Allow 4 standard errors.
    expect(Math.abs(mean - 0.5)).toBeLessThan((4 / Math.sqrt(12)) / Math.sqrt(xs.length));
  });
});
