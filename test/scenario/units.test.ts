import { describe, expect, it } from 'vitest';
import { parseDuration, parseRate, tryDuration } from '../../src/scenario/units.ts';

describe('durations', () => {
  it('converts every unit to whole microseconds', () => {
    expect(parseDuration('250us')).toBe(250);
    expect(parseDuration('250µs')).toBe(250);
    expect(parseDuration('20ms')).toBe(20_000);
    expect(parseDuration('1.5s')).toBe(1_500_000);
    expect(parseDuration('2m')).toBe(120_000_000);
    expect(parseDuration('1h')).toBe(3_600_000_000);
  });

  it('reads a bare number as milliseconds', () => {
    expect(parseDuration(5)).toBe(5_000);
    expect(parseDuration(0.5)).toBe(500);
  });

  it('rounds to the nearest microsecond without floating-point dust', () => {
    expect(parseDuration('0.1ms')).toBe(100);
    expect(parseDuration('0.0004ms')).toBe(0);
    expect(parseDuration('0.3s')).toBe(300_000);
    expect(Number.isInteger(parseDuration(0.0015))).toBe(true);
  });

  it('refuses negative, unit-less and malformed strings', () => {
    for (const bad of ['-5ms', '5', 'ms', '5 parsecs', '1.2.3s', '']) expect(() => parseDuration(bad)).toThrow();
    expect(() => parseDuration(-1)).toThrow(/non-negative/);
    expect(tryDuration('nope')).toBeUndefined();
    expect(tryDuration(true)).toBeUndefined();
  });
});

describe('rates', () => {
  it('converts per-second, per-minute and bare numbers to operations per second', () => {
    expect(parseRate('20/s')).toBe(20);
    expect(parseRate('1200/m')).toBe(20);
    expect(parseRate('3600/h')).toBe(1);
    expect(parseRate(7.5)).toBe(7.5);
  });

  it('refuses negative or malformed rates', () => {
    for (const bad of ['20', '20/d', '-1/s', 'fast']) expect(() => parseRate(bad)).toThrow();
    expect(() => parseRate(-2)).toThrow();
  });
});
