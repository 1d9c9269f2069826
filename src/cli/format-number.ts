// Number formatting for the human report. Written by hand rather than with
// toLocaleString so the output is the same on every machine, whatever its locale.

const MISSING = '–';

/** 1234567 → "1,234,567". */
export function formatCount(n: number): string {
  if (!Number.isFinite(n)) return MISSING;
  const sign = n < 0 ? '-' : '';
  return sign + String(Math.round(Math.abs(n))).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Milliseconds to three decimals: the engine's resolution is one microsecond. */
export function formatMs(ms: number): string {
  return Number.isFinite(ms) ? ms.toFixed(3) : MISSING;
}

/** 0.01234 → "1.23%". */
export function formatPercent(fraction: number): string {
  return Number.isFinite(fraction) ? `${(fraction * 100).toFixed(2)}%` : MISSING;
}

/** A value of unknown kind (an expectation's actual): numbers to at most 4 decimals. */
export function formatValue(value: number | string | boolean | null | undefined): string {
  if (value === null || value === undefined) return MISSING;
  if (typeof value === 'number') return Number.isInteger(value) ? formatCount(value) : String(Number(value.toFixed(4)));
  return String(value);
}

/** Simulated time for people: 60000 → "60 s", 1500 → "1.5 s", 12.5 → "12.5 ms". */
export function formatSimulatedTime(ms: number): string {
  if (!Number.isFinite(ms)) return MISSING;
  if (ms < 1000) return `${Number(ms.toFixed(3))} ms`;
  return `${Number((ms / 1000).toFixed(3))} s`;
}
