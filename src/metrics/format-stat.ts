// Numbers in sweep and compare tables: four significant digits, the same on every machine.
import type { MeanInterval } from './stats.ts';

export const MISSING = '–';

export function formatSig(x: number | null): string {
  if (x === null || !Number.isFinite(x)) return MISSING;
  if (x === 0) return '0';
  if (Math.abs(x) >= 10_000) return String(Math.round(x)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return String(Number(x.toPrecision(4)));
}

/** `mean ± half-width` of the interval, or `mean ± n/a` from a single seed. */
export function formatMeanPm(s: MeanInterval): string {
  if (s.mean === null) return MISSING;
  if (s.low === null || s.high === null) return `${formatSig(s.mean)} ± n/a`;
  return `${formatSig(s.mean)} ± ${formatSig((s.high - s.low) / 2)}`;
}

/** A full-precision number for CSV and JSON consumers; empty when there is none. */
export function exactOrEmpty(x: number | null): string {
  return x === null ? '' : String(x);
}

export function csvCell(text: string): string {
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
