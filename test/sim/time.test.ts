import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { roundUs } from '../../src/sim/time.ts';

describe('roundUs', () => {
  it('gives the same number as Math.round (only the sign of a rounded zero may differ)', () => {
    const halves = [0.5, 1.5, 2.5, -0.5, -1.5, 0.49999999999999994, -0.49999999999999994, 2 ** 52 + 1, 2 ** 53, 1e300, -1e300];
    const specials = [0, -0, Infinity, -Infinity, NaN, ...halves];
    for (const x of specials) expect(roundUs(x) + 0).toBe(Math.round(x) + 0);
    fc.assert(
      fc.property(fc.double({ noNaN: true }), (x) => {
        expect(roundUs(x) + 0).toBe(Math.round(x) + 0);
      }),
      { seed: 5, numRuns: 20_000 },
    );
    // Sampled durations: non-negative, often within a few ulps of a half.
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e9 }), fc.integer({ min: -4, max: 4 }), (n, ulps) => {
        let x = n + 0.5;
        for (let i = 0; i < Math.abs(ulps); i++) x = ulps > 0 ? nextUp(x) : nextDown(x);
        expect(roundUs(x)).toBe(Math.round(x));
      }),
      { seed: 6, numRuns: 20_000 },
    );
  });
});

const f64 = new Float64Array(1);
const u64 = new BigUint64Array(f64.buffer);
function nextUp(x: number): number {
  f64[0] = x;
  u64[0] += 1n; // x > 0 here
  return f64[0];
}
function nextDown(x: number): number {
  f64[0] = x;
  u64[0] -= 1n;
  return f64[0];
}
