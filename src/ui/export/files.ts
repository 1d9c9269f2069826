import type { Report } from '../../metrics/report.ts';
import type { TraceRecord } from '../../model/trace.ts';
import { traceLine } from '../../metrics/trace-line.ts';

/** Exported files are named after the scenario file and seed (and the moment, for frames): split-brain-seed5-t12.5s.png. */
export function fileBase(fileName: string, seed: unknown): string {
  const name = fileName.replace(/\.(ya?ml|json)$/i, '').replace(/[^A-Za-z0-9_.-]+/g, '-') || 'scenario';
  return `${name}-seed${String(seed).replace(/[^A-Za-z0-9_.-]+/g, '-')}`;
}

export function timeTag(tUs: number): string {
  return `t${Number((tUs / 1e6).toFixed(6))}s`;
}

/** The report as `repsim run --format json` prints it. */
export function reportJson(report: Report): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

/**
 * The report as CSV: one row per figure, `path,value`, the path as the Summary's data-metric
 * and expect lines name it (writes.latencyMs.p99; series elements by index).
 */
export function reportCsv(report: Report): string {
  const rows: string[] = ['path,value'];
  const cell = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const walk = (v: unknown, path: string) => {
    if (v !== null && typeof v === 'object') {
      for (const [k, x] of Object.entries(v as Record<string, unknown>)) walk(x, path ? `${path}.${k}` : k);
      return;
    }
    rows.push(`${cell(path)},${cell(v === null || v === undefined ? '' : String(v))}`);
  };
  walk(report, '');
  return `${rows.join('\n')}\n`;
}

/** The trace as `repsim run --trace OUT.ndjson` writes it: one record per line. */
export function traceNdjson(records: Iterable<TraceRecord>): string {
  let out = '';
  for (const r of records) out += traceLine(r);
  return out;
}

/** Hands a file to the browser as a download. */
export function download(data: Blob | string, name: string, type: string): void {
  const blob = typeof data === 'string' ? new Blob([data], { type }) : data;
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}
