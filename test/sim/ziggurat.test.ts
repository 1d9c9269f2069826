import { describe, expect, it } from 'vitest';
import { RngStreams } from '../../src/sim/rng.ts';
import { normalCdf } from '../../src/sim/distributions/index.ts';
import { EXPONENTIAL_ZIGGURAT, NORMAL_ZIGGURAT, standardExponential, standardNormal } from '../../src/sim/distributions/ziggurat.ts';

/** Kolmogorov–Smirnov distance between the sample and a CDF. */
function ksDistance(xs: number[], cdf: (x: number) => number): number {
  const sorted = [...xs].sort((a, b) => a - b);
  let d = 0;
  sorted.forEach((x, i) => {
    const f = cdf(x);
    d = Math.max(d, Math.abs(f - i / sorted.length), Math.abs((i + 1) / sorted.length - f));
  });
  return d;
}

/** KS critical distance at significance 0.001 for n draws (asymptotic: 1.95 / √n). */
const ksLimit = (n: number) => 1.95 / Math.sqrt(n);

const draws = (n: number, draw: () => number) => Array.from({ length: n }, draw);

/** A stand-in random stream that hands out the given uniforms in order. */
function scripted(...uniforms: number[]) {
  const rng = () => {
    if (uniforms.length === 0) throw new Error('scripted stream ran out');
    return uniforms.shift()!;
  };
  return Object.assign(rng, { left: () => uniforms.length });
}

describe('ziggurat', () => {
  it('strips of equal area close exactly at the peak of each density', () => {
    for (const [{ x, f }, density] of [
      [NORMAL_ZIGGURAT, (v: number) => Math.exp(-0.5 * v * v)],
      [EXPONENTIAL_ZIGGURAT, (v: number) => Math.exp(-v)],
    ] as const) {
      // The bottom strip (rectangle up to r = x[1] plus the tail) has area x[0] · f(r).
      const area = x[0] * density(x[1]);
      const close = (a: number) => Math.abs(a - area) / area;
      // Every strip above has the same area, and the top one ends at the peak, f(0) = 1.
      // (The published constants carry 12 to 18 digits: agreement to 1e-8 is what they allow.)
      for (let i = 1; i < 256; i++) expect(close(x[i] * (f[i + 1] - f[i]))).toBeLessThan(1e-8);
      expect(f[256]).toBe(1);
      expect(close(x[255] * (1 - f[255]))).toBeLessThan(1e-8);
    }
  });

  it('accepts a point inside a strip, tests a point in its wedge against the curve, and samples the tail', () => {
    const { x: X, f: F } = NORMAL_ZIGGURAT;
    const density = (v: number) => Math.exp(-0.5 * v * v);
    // The first uniform picks strip 100 (bits 200 and 201: the sign is the lowest bit).
    const strip = (sign: 1 | -1) => (200 + (sign === 1 ? 0 : 1) + 0.5) / 512;
    const inner = 0.5 * X[101];
    expect(standardNormal(scripted(strip(1), inner / X[100]))).toBeCloseTo(inner, 12);
    expect(standardNormal(scripted(strip(-1), inner / X[100]))).toBeCloseTo(-inner, 12);
    // A point in the wedge, then a height just under or just over the curve there.
    const wedge = (X[100] + X[101]) / 2;
    const curve = (density(wedge) - F[100]) / (F[101] - F[100]);
    expect(standardNormal(scripted(strip(1), wedge / X[100], curve * 0.99))).toBeCloseTo(wedge, 12);
    const rejected = scripted(strip(1), wedge / X[100], Math.min(1, curve * 1.01), strip(1), inner / X[100]);
    expect(standardNormal(rejected)).toBeCloseTo(inner, 12); // the wedge point was thrown away
    expect(rejected.left()).toBe(0);
    // Strip 0 beyond r goes to the tail: r + x with x = −ln(1 − u)/r, accepted when 2y ≥ x².
    const r = X[1];
    const tail = standardNormal(scripted(0.5 / 512, (r + 0.5 * (X[0] - r)) / X[0], 0.5, 0.5));
    expect(tail).toBeCloseTo(r - Math.log(0.5) / r, 12);
    // x = −ln(0.001)/r ≈ 1.9 with y = −ln(0.99) ≈ 0.01 falls outside (2y < x²): drawn again.
    const tailRejected = scripted(0.5 / 512, (r + 0.5 * (X[0] - r)) / X[0], 0.999, 0.01, 0.5, 0.5);
    expect(standardNormal(tailRejected)).toBeCloseTo(r - Math.log(0.5) / r, 12);
    expect(tailRejected.left()).toBe(0);

    const { x: EX, f: EF } = EXPONENTIAL_ZIGGURAT;
    const eWedge = (EX[100] + EX[101]) / 2;
    const eCurve = (Math.exp(-eWedge) - EF[100]) / (EF[101] - EF[100]);
    expect(standardExponential(scripted(100.5 / 256, eWedge / EX[100], eCurve * 0.99))).toBeCloseTo(eWedge, 12);
    const eRejected = scripted(100.5 / 256, eWedge / EX[100], Math.min(1, eCurve * 1.01), 100.5 / 256, 0.5 * EX[101] / EX[100]);
    expect(standardExponential(eRejected)).toBeCloseTo(0.5 * EX[101], 12);
    // Beyond r the exponential starts over from r (memoryless).
    const er = EX[1];
    expect(standardExponential(scripted(0.5 / 256, (er + 0.5 * (EX[0] - er)) / EX[0], 100.5 / 256, 0.5 * EX[101] / EX[100]))).toBeCloseTo(
      er + 0.5 * EX[101],
      12,
    );
  });

  it('draws standard normals (KS test, 200,000 draws)', () => {
    const rng = new RngStreams(1).get('zig-normal');
    const xs = draws(200_000, () => standardNormal(rng));
    expect(ksDistance(xs, normalCdf)).toBeLessThan(ksLimit(xs.length));
  });

  it('draws unit exponentials (KS test, 200,000 draws)', () => {
    const rng = new RngStreams(1).get('zig-exp');
    const xs = draws(200_000, () => standardExponential(rng));
    expect(ksDistance(xs, (x) => 1 - Math.exp(-x))).toBeLessThan(ksLimit(xs.length));
  });

  it('samples the tails beyond the bottom strip with the right frequency and shape', () => {
    const n = 2_000_000;
    const normalRng = new RngStreams(2).get('zig-normal-tail');
    const r = NORMAL_ZIGGURAT.x[1];
    const tail = draws(n, () => standardNormal(normalRng)).filter((z) => Math.abs(z) > r).map(Math.abs);
    const pTail = 2 * (1 - normalCdf(r));
    // A binomial count within 5 standard deviations of n·p.
    expect(Math.abs(tail.length - n * pTail)).toBeLessThan(5 * Math.sqrt(n * pTail));
    const beyond = (x: number) => (normalCdf(x) - normalCdf(r)) / (1 - normalCdf(r));
    expect(ksDistance(tail, beyond)).toBeLessThan(ksLimit(tail.length));

    const expRng = new RngStreams(2).get('zig-exp-tail');
    const e = EXPONENTIAL_ZIGGURAT.x[1];
    const expTail = draws(n, () => standardExponential(expRng)).filter((x) => x > e);
    const pExp = Math.exp(-e);
    expect(Math.abs(expTail.length - n * pExp)).toBeLessThan(5 * Math.sqrt(n * pExp));
    // Memoryless: beyond e the excess is again a unit exponential.
    expect(ksDistance(expTail.map((x) => x - e), (x) => 1 - Math.exp(-x))).toBeLessThan(ksLimit(expTail.length));
  });
});
