import type { Rng } from '../../sim/rng.ts';
import type { KeyChoice } from '../config.ts';

/** Draws a key index in [0, count). */
export type KeyPicker = () => number;

export function keyPicker(choice: KeyChoice, rng: Rng): KeyPicker {
  if (choice.kind === 'uniform') {
    const n = choice.count;
    return () => Math.floor(rng() * n);
  }
  return zipfPicker(choice.count, choice.s, rng);
}

/**
 * Zipf over ranks 1..n with exponent s: P(k) ∝ 1/k^s. Key 0 is the hottest. Sampled by
 * binary search in the precomputed CDF (exact, O(log n) per draw).
 */
function zipfPicker(n: number, s: number, rng: Rng): KeyPicker {
  const cdf = new Float64Array(n);
  let total = 0;
  for (let k = 0; k < n; k++) {
    total += 1 / Math.pow(k + 1, s);
    cdf[k] = total;
  }
  for (let k = 0; k < n; k++) cdf[k] /= total;
  return () => {
    const u = rng();
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cdf[mid] > u) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
}
