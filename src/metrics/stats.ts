// Means and Student-t confidence intervals over seeds. Pure arithmetic in a fixed order, so
// the same values always give the same bits, whichever worker ran them or in what order.

/** A mean with its two-sided confidence interval; `low`/`high` are null below two values. */
export interface MeanInterval {
  n: number;
  mean: number | null;
  /** Sample standard deviation (n − 1 in the denominator). */
  sd: number | null;
  low: number | null;
  high: number | null;
}

export function mean(values: readonly number[]): number {
  // Equal values have that value as their mean; summing could add rounding noise (3.2 × 3 / 3).
  if (values.length > 0 && values.every((v) => v === values[0])) return values[0];
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

export function sampleSd(values: readonly number[]): number {
  const m = mean(values);
  if (values.every((v) => v === m)) return 0;
  let squares = 0;
  for (const v of values) squares += (v - m) * (v - m);
  return Math.sqrt(squares / (values.length - 1));
}

/**
 * Mean ± t(level, n − 1) · sd / √n. With one value there is no spread to estimate, so no
 * interval (null) rather than a zero-width one that would claim certainty.
 */
export function meanInterval(values: readonly number[], level = 0.95): MeanInterval {
  const n = values.length;
  if (n === 0) return { n, mean: null, sd: null, low: null, high: null };
  const m = mean(values);
  if (n === 1) return { n, mean: m, sd: null, low: null, high: null };
  const sd = sampleSd(values);
  const half = tQuantile(1 - (1 - level) / 2, n - 1) * (sd / Math.sqrt(n));
  return { n, mean: m, sd, low: m - half, high: m + half };
}

/** The p-quantile of Student's t with `df` degrees of freedom (p in (0.5, 1)), by bisection on the CDF. */
export function tQuantile(p: number, df: number): number {
  if (!(p > 0.5 && p < 1)) throw new RangeError(`tQuantile: p must be in (0.5, 1), got ${p}`);
  if (!(df > 0)) throw new RangeError(`tQuantile: df must be positive, got ${df}`);
  let low = 0;
  let high = 1;
  while (tCdf(high, df) < p) high *= 2;
  // 200 halvings reach the resolution of a double long before they run out.
  for (let i = 0; i < 200; i++) {
    const mid = (low + high) / 2;
    if (mid === low || mid === high) break;
    if (tCdf(mid, df) < p) low = mid;
    else high = mid;
  }
  return (low + high) / 2;
}

/** P(T ≤ t) for Student's t with df degrees of freedom. */
export function tCdf(t: number, df: number): number {
  const tail = 0.5 * regularizedIncompleteBeta(df / (df + t * t), df / 2, 0.5);
  return t >= 0 ? 1 - tail : tail;
}

/** I_x(a, b), by the continued fraction of Numerical Recipes (§6.4), using the symmetry for fast convergence. */
export function regularizedIncompleteBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
  if (x < (a + 1) / (a + b + 2)) return (front * betaContinuedFraction(x, a, b)) / a;
  return 1 - (front * betaContinuedFraction(1 - x, b, a)) / b;
}

const TINY = 1e-300;

function betaContinuedFraction(x: number, a: number, b: number): number {
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 1000; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return h;
}

// Lanczos approximation (g = 7, n = 9), accurate to about 15 digits for positive arguments.
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let sum = LANCZOS[0];
  for (let i = 1; i < LANCZOS.length; i++) sum += LANCZOS[i] / (z + i);
  const t = z + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}
