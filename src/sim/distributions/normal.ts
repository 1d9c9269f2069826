import type { Rng } from '../rng.ts';

/**
 * One standard normal draw by the Box–Muller transform. It uses two uniforms per draw and
 * keeps no spare between calls, so a stream's state depends only on how many draws it made.
 */
export function sampleNormal(rng: Rng): number {
  const u1 = 1 - rng(); // (0, 1]
  const u2 = rng();
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}
