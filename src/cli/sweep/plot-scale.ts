// Scales and "nice" tick values for the hand-written SVG plot (no d3 outside src/ui).

export interface Scale {
  (value: number): number;
  ticks: number[];
}

/** A linear scale from [lo, hi] (widened to nice tick values) onto [from, to] pixels. */
export function linearScale(lo: number, hi: number, from: number, to: number, tickCount = 5): Scale {
  if (!(hi > lo)) {
    const pad = lo === 0 ? 1 : Math.abs(lo) * 0.1;
    [lo, hi] = [lo - (lo === 0 ? 0 : pad), hi + pad];
  }
  const step = niceStep((hi - lo) / tickCount);
  const start = Math.floor(lo / step) * step;
  const end = Math.ceil(hi / step) * step;
  const ticks: number[] = [];
  for (let i = 0; start + i * step <= end + step / 2; i++) ticks.push(clean(start + i * step));
  const scale = ((v: number) => from + ((v - start) / (end - start)) * (to - from)) as Scale;
  scale.ticks = ticks;
  return scale;
}

/** A log10 scale over [lo, hi] (both above 0), ticks at 1-2-5 steps or powers of ten. */
export function logScale(lo: number, hi: number, from: number, to: number): Scale {
  const a = Math.log10(lo);
  const b = Math.log10(hi) > a ? Math.log10(hi) : a + 1;
  const scale = ((v: number) => from + ((Math.log10(v) - a) / (b - a)) * (to - from)) as Scale;
  const decades = b - a;
  const mantissas = decades > 3 ? [1] : decades > 1.5 ? [1, 2, 5] : [1, 2, 3, 5, 7];
  const ticks: number[] = [];
  for (let e = Math.floor(a); e <= Math.ceil(b); e++) {
    for (const m of mantissas) {
      const v = clean(m * 10 ** e);
      if (v >= clean(lo) && v <= clean(hi)) ticks.push(v);
    }
  }
  scale.ticks = ticks.length >= 2 ? ticks : [clean(lo), clean(hi)];
  return scale;
}

/** 1, 2 or 5 times a power of ten, at least `raw`. */
function niceStep(raw: number): number {
  const power = 10 ** Math.floor(Math.log10(raw));
  const m = raw / power;
  return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * power;
}

/** 0.30000000000000004 → 0.3: ticks are labels, so twelve significant digits are plenty. */
export function clean(x: number): number {
  return x === 0 ? 0 : Number(x.toPrecision(12));
}

export function tickLabel(x: number): string {
  if (x === 0) return '0';
  if (Math.abs(x) >= 1e6 || Math.abs(x) < 1e-4) return x.toExponential(1).replace('e+', 'e');
  return String(Number(x.toPrecision(6)));
}
