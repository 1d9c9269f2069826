import type { Rng } from '../rng.ts';

/**
 * Standard normal draws by Marsaglia's polar method. Each accepted pair of uniforms yields
 * two independent normals; the second is kept for the next call. That halves the cost of the
 * logarithm per draw (lognormal latencies are sampled for every message) and stays
 * deterministic: the sequence depends only on the stream and how many draws were made.
 */
export function normalSource(rng: Rng): () => number {
  // The spare sits in a typed array: a double kept in a closure variable is boxed anew on
  // every store, one allocation per two draws.
  const spare = new Float64Array(1);
  let hasSpare = false;
  return () => {
    if (hasSpare) {
      hasSpare = false;
      return spare[0];
    }
    let u = 0;
    let v = 0;
    let s = 0;
    do {
      u = 2 * rng() - 1;
      v = 2 * rng() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const factor = Math.sqrt((-2 * Math.log(s)) / s);
    spare[0] = v * factor;
    hasSpare = true;
    return u * factor;
  };
}

/** One standard normal draw (Box–Muller), for callers that draw rarely and keep no state. */
export function sampleNormal(rng: Rng): number {
  const u1 = 1 - rng(); // (0, 1]
  const u2 = rng();
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}
