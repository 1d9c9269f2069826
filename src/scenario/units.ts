import type { Micros } from '../sim/time.ts';

/**
 * Durations in files: a number with a unit (`250us`, `20ms`, `1.5s`, `2m`, `1h`; `µs` is
 * also accepted), or a bare number meaning milliseconds. Never negative.
 */
export const DURATION_PATTERN = '^(?:\\d+(?:\\.\\d+)?|\\.\\d+)\\s*(?:us|µs|ms|s|m|h)$';
const DURATION_RE = /^(\d+(?:\.\d+)?|\.\d+)\s*(us|µs|ms|s|m|h)$/;

const US_PER_UNIT: Record<string, number> = {
  us: 1,
  µs: 1,
  ms: 1_000,
  s: 1_000_000,
  m: 60_000_000,
  h: 3_600_000_000,
};

/** Converts a duration as written in a file to whole microseconds; throws on bad input. */
export function parseDuration(input: string | number): Micros {
  let us: number;
  if (typeof input === 'number') {
    us = input * 1_000;
  } else {
    const m = DURATION_RE.exec(input.trim());
    if (!m) throw new Error(`\`${input}\` is not a duration; write e.g. 250us, 20ms, 1.5s or 2m`);
    us = Number(m[1]) * US_PER_UNIT[m[2]];
  }
  if (!Number.isFinite(us) || us < 0) throw new Error(`duration must be a non-negative number, got ${input}`);
  const rounded = Math.round(us);
  if (rounded > Number.MAX_SAFE_INTEGER) throw new Error(`duration ${input} is too long`);
  return rounded;
}

/**
 * The microseconds a duration as written stands for, before any range check (Infinity for
 * 1e308); undefined when it is not written as a duration at all.
 */
export function writtenDurationUs(input: unknown): number | undefined {
  if (typeof input === 'number') return input * 1_000;
  if (typeof input !== 'string') return undefined;
  const m = DURATION_RE.exec(input.trim());
  return m ? Number(m[1]) * US_PER_UNIT[m[2]] : undefined;
}

/** parseDuration, or undefined when the input is not a valid duration (for cross-checks). */
export function tryDuration(input: unknown): Micros | undefined {
  if (typeof input !== 'string' && typeof input !== 'number') return undefined;
  try {
    return parseDuration(input);
  } catch {
    return undefined;
  }
}

/** Rates: `20/s`, `1200/m`, `5/h`, or a bare number meaning per second. */
export const RATE_PATTERN = '^(?:\\d+(?:\\.\\d+)?|\\.\\d+)\\s*/\\s*(?:s|m|h)$';
const RATE_RE = /^(\d+(?:\.\d+)?|\.\d+)\s*\/\s*(s|m|h)$/;
const SECONDS_PER_UNIT: Record<string, number> = { s: 1, m: 60, h: 3600 };

/** Converts a rate as written in a file to operations per second; throws on bad input. */
export function parseRate(input: string | number): number {
  let perSec: number;
  if (typeof input === 'number') {
    perSec = input;
  } else {
    const m = RATE_RE.exec(input.trim());
    if (!m) throw new Error(`\`${input}\` is not a rate; write e.g. 20/s, 1200/m or a number per second`);
    perSec = Number(m[1]) / SECONDS_PER_UNIT[m[2]];
  }
  if (!Number.isFinite(perSec) || perSec < 0) throw new Error(`rate must be a non-negative number, got ${input}`);
  return perSec;
}
