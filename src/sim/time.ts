/**
 * Simulated time is an integer number of microseconds. Doubles hold integers exactly up to
 * 2^53 µs (about 285 years), so plain `number` is enough and stays fast.
 */
export type Micros = number;

export const US_PER_MS = 1_000;
export const US_PER_S = 1_000_000;

export function msToUs(ms: number): Micros {
  return Math.round(ms * US_PER_MS);
}

export function usToMs(us: Micros): number {
  return us / US_PER_MS;
}

/** Formats a duration for people: 250us, 1.5ms, 2.25s. */
export function formatDuration(us: Micros): string {
  const abs = Math.abs(us);
  if (abs < 1_000) return `${us}us`;
  if (abs < 1_000_000) return `${trim(us / 1_000)}ms`;
  return `${trim(us / 1_000_000)}s`;
}

function trim(x: number): string {
  return String(Math.round(x * 1000) / 1000);
}
