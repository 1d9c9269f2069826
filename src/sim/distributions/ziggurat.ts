import type { Rng } from '../rng.ts';

/**
 * Standard normal and unit exponential draws by the ziggurat method (Marsaglia & Tsang,
 * 2000). The area under the density is cut into LAYERS horizontal strips of equal area;
 * a draw picks a strip, then a point across it, and about 99 % of the time the point lies
 * in the part of the strip wholly under the curve, so the draw costs two uniforms and a
 * multiplication, with no logarithm. The rest of the time it tests the point against the
 * curve (one `exp`) or, in the bottom strip, samples the tail exactly. The result has
 * exactly the target distribution; only the work per draw changes.
 *
 * Why: every message's latency is lognormal (a normal draw) and every apply and arrival
 * gap is exponential, so the simulator draws about twenty of these per write. Drawn by
 * inversion and the polar method, each cost a library logarithm (and a square root); the
 * ziggurat took 2–5 % off the benchmark's time per event.
 *
 * The strip and the point come from separate uniforms (the original paper took both from
 * one 32-bit integer, which correlates them: Doornik, 2005).
 */

/** Strips per ziggurat: 256, so a strip index is eight bits of one uniform. */
const LAYERS = 256;

interface Ziggurat {
  /**
   * Strip widths: x[0] is the bottom strip's width as if its tail were a rectangle
   * (v / f(r)), x[1] = r where the tail starts, x[LAYERS] = 0 at the peak; strip i
   * (i ≥ 1) spans heights f(x[i])…f(x[i+1]) and widths 0…x[i].
   */
  x: Float64Array;
  /** f(x[i]). */
  f: Float64Array;
}

/**
 * Builds the strips of a decreasing density `density` on [0, ∞) (f(0) = 1) whose tail
 * starts at `r`, each strip of area `v`; `inverse` is the density's inverse.
 */
function build(density: (x: number) => number, inverse: (y: number) => number, r: number, v: number): Ziggurat {
  const x = new Float64Array(LAYERS + 1);
  const f = new Float64Array(LAYERS + 1);
  x[0] = v / density(r);
  x[1] = r;
  for (let i = 1; i < LAYERS - 1; i++) x[i + 1] = inverse(density(x[i]) + v / x[i]);
  x[LAYERS] = 0;
  for (let i = 0; i <= LAYERS; i++) f[i] = density(x[i]);
  f[0] = 0;
  return { x, f };
}

// r and v for 256 strips, from Marsaglia & Tsang (2000), "The Ziggurat Method for
// Generating Random Variables", J. Stat. Software 5(8). A test checks that the strips close
// at the peak (the last strip's top is f(0) = 1) with these values.
const NORMAL_R = 3.6541528853610088;
const NORMAL_V = 0.00492867323399;
const EXP_R = 7.69711747013104972;
const EXP_V = 0.0039496598225815571993;

const normalDensity = (x: number) => Math.exp(-0.5 * x * x);
const exponentialDensity = (x: number) => Math.exp(-x);

export const NORMAL_ZIGGURAT: Readonly<Ziggurat> = build(normalDensity, (y) => Math.sqrt(-2 * Math.log(y)), NORMAL_R, NORMAL_V);
export const EXPONENTIAL_ZIGGURAT: Readonly<Ziggurat> = build(exponentialDensity, (y) => -Math.log(y), EXP_R, EXP_V);

const NX = NORMAL_ZIGGURAT.x;
const NF = NORMAL_ZIGGURAT.f;
const EX = EXPONENTIAL_ZIGGURAT.x;
const EF = EXPONENTIAL_ZIGGURAT.f;

/** One standard normal draw. */
export function standardNormal(rng: Rng): number {
  for (;;) {
    // Nine bits of one uniform: the strip (eight) and the sign (one).
    const bits = Math.floor(rng() * (2 * LAYERS));
    const i = bits >>> 1;
    const x = rng() * NX[i];
    const sign = (bits & 1) === 0 ? 1 : -1;
    if (x < NX[i + 1]) return sign * x;
    if (i === 0) return sign * normalTail(rng);
    // The wedge between the inner rectangle and the curve: accept under the curve.
    if (NF[i] + rng() * (NF[i + 1] - NF[i]) < normalDensity(x)) return sign * x;
  }
}

/** A normal draw beyond NORMAL_R (Marsaglia, 1964): exact, and needed once in ~3,900 draws. */
function normalTail(rng: Rng): number {
  for (;;) {
    const x = -Math.log(1 - rng()) / NORMAL_R;
    const y = -Math.log(1 - rng());
    if (2 * y >= x * x) return NORMAL_R + x;
  }
}

/** One exponential draw with mean 1. */
export function standardExponential(rng: Rng): number {
  let base = 0;
  for (;;) {
    const i = Math.floor(rng() * LAYERS);
    const x = rng() * EX[i];
    if (x < EX[i + 1]) return base + x;
    if (i === 0) {
      // Beyond EXP_R the exponential is memoryless: EXP_R plus a fresh draw.
      base += EXP_R;
      continue;
    }
    if (EF[i] + rng() * (EF[i + 1] - EF[i]) < exponentialDensity(x)) return base + x;
  }
}
