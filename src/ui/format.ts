/** Simulated time for people: always seconds with enough decimals to see single µs steps when zoomed. */
export function formatClock(us: number): string {
  const s = us / 1e6;
  return `${s.toFixed(6)} s`;
}

/** A duration in µs, in the unit that reads best: 250 µs, 1.25 ms, 2.5 s. */
export function formatUs(us: number): string {
  const a = Math.abs(us);
  if (a === 0) return '0';
  if (a < 1000) return `${Math.round(us)} µs`;
  if (a < 1e6) return `${trim(us / 1000)} ms`;
  return `${trim(us / 1e6)} s`;
}

export function formatMs(ms: number): string {
  return formatUs(ms * 1000);
}

function trim(x: number): string {
  const a = Math.abs(x);
  const d = a >= 100 ? 1 : a >= 10 ? 2 : 3;
  return String(Number(x.toFixed(d)));
}

export function formatSpeed(speed: number): string {
  return `${Number(speed.toPrecision(2))}×`;
}

export function pct(x: number): string {
  return `${(x * 100).toFixed(x < 0.01 && x > 0 ? 2 : 1)}%`;
}

/**
 * Parses a time as scenario files write durations: "12.5s", "300ms", "40us", "2m", "1h", and a
 * bare number is milliseconds (as in scenario files). Null when it is not a time.
 */
export function parseClock(text: string): number | null {
  const m = /^\s*(\d+(?:\.\d+)?|\.\d+)\s*(us|µs|ms|s|m|h)?\s*$/i.exec(text);
  if (!m) return null;
  const v = Number(m[1]);
  const unit = (m[2] ?? 'ms').toLowerCase();
  const mult = unit === 'us' || unit === 'µs' ? 1 : unit === 'ms' ? 1e3 : unit === 'm' ? 60e6 : unit === 'h' ? 3600e6 : 1e6;
  return Math.round(v * mult);
}

/** Whether a typed time has no unit (so it was read as milliseconds). */
export function isBareNumber(text: string): boolean {
  return /^\s*(\d+(?:\.\d+)?|\.\d+)\s*$/.test(text);
}
