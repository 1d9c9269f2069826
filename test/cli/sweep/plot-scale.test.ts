import { describe, expect, it } from 'vitest';
import { linearScale, logScale, tickLabel } from '../../../src/cli/sweep/plot-scale.ts';

describe('plot scales', () => {
  it('widen a linear domain to nice 1-2-5 ticks and map it onto pixels', () => {
    const y = linearScale(0, 0.027, 300, 100);
    // A fifth of the range is 0.0054; the next 1-2-5 step up is 0.01.
    expect(y.ticks).toEqual([0, 0.01, 0.02, 0.03]);
    expect(y(0)).toBe(300);
    expect(y(0.03)).toBeCloseTo(100, 9);
  });

  it('give a flat series a visible range instead of dividing by zero', () => {
    const y = linearScale(0, 0, 300, 100);
    expect(y.ticks[0]).toBe(0);
    expect(y.ticks[y.ticks.length - 1]).toBeGreaterThan(0);
    expect(Number.isFinite(y(0))).toBe(true);
  });

  it('put log ticks at powers of ten over more than three decades, at 1-2-5 over fewer', () => {
    const x = logScale(0.01, 100, 0, 400);
    expect(x.ticks).toEqual([0.01, 0.1, 1, 10, 100]);
    expect(x(1)).toBeCloseTo(200, 9);
    expect(logScale(1, 100, 0, 1).ticks).toEqual([1, 2, 5, 10, 20, 50, 100]);
  });

  it('label ticks without float noise', () => {
    expect(tickLabel(0.1 + 0.2)).toBe('0.3');
    expect(tickLabel(2_000_000)).toBe('2.0e6');
  });
});
