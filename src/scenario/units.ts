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

/**
 * Sizes: `512B`, `2KB`, `1.5MB`, `1GB` (powers of 1000, as disk and network vendors count),
 * `4KiB`, `1MiB` (powers of 1024), or a bare number of bytes.
 */
export const SIZE_PATTERN = '^(?:\\d+(?:\\.\\d+)?|\\.\\d+)\\s*(?:B|KB|MB|GB|KiB|MiB|GiB)$';
const SIZE_RE = /^(\d+(?:\.\d+)?|\.\d+)\s*(B|KB|MB|GB|KiB|MiB|GiB)$/;
const BYTES_PER_UNIT: Record<string, number> = { B: 1, KB: 1e3, MB: 1e6, GB: 1e9, KiB: 1024, MiB: 1024 ** 2, GiB: 1024 ** 3 };

/** Converts a size as written in a file to whole bytes; throws on bad input. */
export function parseSizeBytes(input: string | number): number {
  let bytes: number;
  if (typeof input === 'number') bytes = input;
  else {
    const m = SIZE_RE.exec(input.trim());
    if (!m) throw new Error(`\`${input}\` is not a size; write e.g. 512B, 2KB or 1MB`);
    bytes = Number(m[1]) * BYTES_PER_UNIT[m[2]];
  }
  if (!Number.isFinite(bytes) || bytes < 0) throw new Error(`size must be a non-negative number, got ${input}`);
  return Math.round(bytes);
}

/**
 * Bandwidths: `100Mbit/s`, `1Gbit/s`, `10kbit/s`, `12.5MB/s` (bytes per second), or a bare
 * number of bits per second. Powers of 1000, as link speeds are quoted.
 */
export const BANDWIDTH_PATTERN = '^(?:\\d+(?:\\.\\d+)?|\\.\\d+)\\s*(?:bit|kbit|Mbit|Gbit|B|KB|MB|GB)/s$';
const BANDWIDTH_RE = /^(\d+(?:\.\d+)?|\.\d+)\s*(bit|kbit|Mbit|Gbit|B|KB|MB|GB)\/s$/;
const BITS_PER_UNIT: Record<string, number> = { bit: 1, kbit: 1e3, Mbit: 1e6, Gbit: 1e9, B: 8, KB: 8e3, MB: 8e6, GB: 8e9 };

/** Converts a bandwidth as written in a file to bits per second; throws on bad input. */
export function parseBandwidthBitsPerSec(input: string | number): number {
  let bits: number;
  if (typeof input === 'number') bits = input;
  else {
    const m = BANDWIDTH_RE.exec(input.trim());
    if (!m) throw new Error(`\`${input}\` is not a bandwidth; write e.g. 100Mbit/s, 1Gbit/s or 12.5MB/s`);
    bits = Number(m[1]) * BITS_PER_UNIT[m[2]];
  }
  if (!Number.isFinite(bits) || bits <= 0) throw new Error(`bandwidth must be a positive number, got ${input}`);
  return bits;
}
