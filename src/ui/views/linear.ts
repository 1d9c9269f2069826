import { ticks as niceTicks, tickStep } from 'd3-array';

/**
 * A linear scale with the parts d3-axis uses (call, domain, range, ticks, copy). d3-scale's
 * scaleLinear would pull in d3-format and the generic interpolators (~5 kB gzip) that these
 * charts never need, and the site has a 200 kB budget; ticks still come from d3-array.
 */
export interface Linear {
  (x: number): number;
  domain(): [number, number];
  range(): [number, number];
  ticks(count?: number): number[];
  copy(): Linear;
  /** Extends the domain to round tick values (like d3's `nice`). */
  nice(count?: number): Linear;
  invert(px: number): number;
}

export function linear(domain: [number, number], range: [number, number], clamp = false): Linear {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const span = d1 - d0 || 1;
  const f = ((x: number) => {
    let t = (x - d0) / span;
    if (clamp) t = Math.max(0, Math.min(1, t));
    return r0 + t * (r1 - r0);
  }) as Linear;
  f.domain = () => [d0, d1];
  f.range = () => [r0, r1];
  f.ticks = (count = 10) => niceTicks(d0, d1, count);
  f.copy = () => linear([d0, d1], [r0, r1], clamp);
  f.nice = (count = 10) => {
    const step = tickStep(d0, d1, count);
    return step > 0 ? linear([Math.floor(d0 / step) * step, Math.ceil(d1 / step) * step], [r0, r1], clamp) : f;
  };
  f.invert = (px: number) => d0 + ((px - r0) / (r1 - r0 || 1)) * span;
  return f;
}
