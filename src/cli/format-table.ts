import type { ExpectationResult, Report, Summary } from '../metrics/report.ts';
import { formatCount, formatMs, formatPercent, formatSimulatedTime, formatValue } from './format-number.ts';
import { alignColumns } from './text-table.ts';

/** The human report of `repsim run --format table`: sections of aligned columns. */
export function formatTable(report: Report): string {
  const sections = [header(report), writes(report), reads(report), replication(report), failovers(report), expectations(report.expectations)];
  return printable(`${sections.filter((lines) => lines.length > 0).map((lines) => lines.join('\n')).join('\n\n')}\n`);
}

/**
 * Names come from scenario files: a terminal escape in one must be shown, not obeyed.
 * Every control character but the line breaks the table itself writes becomes `\u{…}`.
 */
export function printable(text: string): string {
  return text.replace(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/g, (c) => `\\u{${c.charCodeAt(0).toString(16)}}`);
}

function header(r: Report): string[] {
  return [
    `repsim report: ${r.scenario}`,
    ...alignColumns([
      ['seed', String(r.seed)],
      ['simulated time', formatSimulatedTime(r.simulatedTimeMs)],
      ['events', formatCount(r.events)],
      ['replication', r.replication.mode],
    ], ['left', 'left']),
  ];
}

function writes(r: Report): string[] {
  const w = r.writes;
  return [
    'Writes',
    ...alignColumns([
      ['issued', formatCount(w.issued)],
      ['acknowledged', formatCount(w.acknowledged)],
      ['failed', formatCount(w.failed)],
      ['lost after ack', formatCount(w.lostAcknowledged)],
      ['waited for a row lock', formatCount(w.lockWaits.count)],
    ]),
    ...summaryTable([['latency ms', w.latencyMs], ...(w.lockWaits.count > 0 ? ([['row-lock wait ms', w.lockWaits.waitMs]] as const) : [])]),
  ];
}

function reads(r: Report): string[] {
  const rd = r.reads;
  const lines = [
    'Reads',
    ...alignColumns([
      ['total', formatCount(rd.total), ''],
      ['failed', formatCount(rd.failed), ''],
      ['stale', formatCount(rd.stale), formatPercent(rd.staleFraction)],
      ['read-your-writes violations', formatCount(rd.rywViolations), ''],
      ['monotonic-read violations', formatCount(rd.monotonicViolations), ''],
      ['phantom (returned a lost write)', formatCount(rd.phantom), ''],
    ]),
    ...summaryTable([
      ['latency ms', rd.latencyMs],
      ...(rd.stale > 0 ? ([['stale by ms', rd.timeBehindMs], ['stale by versions', rd.versionsBehind, formatValue]] as const) : []),
    ]),
  ];
  const nodes = Object.entries(rd.byNode);
  if (nodes.length > 0) {
    const rows = nodes.map(([node, n]) => [node, formatCount(n), formatPercent(rd.total > 0 ? n / rd.total : NaN)]);
    lines.push('  served by', ...alignColumns([['node', 'reads', 'share'], ...rows], [], '    '));
  }
  return lines;
}

function replication(r: Report): string[] {
  const { applyDelayMs, lagMs } = r.replication;
  const replicas = [...new Set([...Object.keys(applyDelayMs), ...Object.keys(lagMs)])];
  if (replicas.length === 0) return [];
  const rows = replicas.map((id) => {
    const delay = applyDelayMs[id];
    const lag = lagMs[id];
    return [id, ...[delay?.mean, delay?.p50, delay?.p99, delay?.max, lag?.mean, lag?.max].map((ms) => formatMs(ms ?? NaN))];
  });
  return [
    'Replication (ms; apply delay = commit on primary → apply on replica; lag time-weighted)',
    ...alignColumns([['replica', 'delay mean', 'p50', 'p99', 'max', 'lag mean', 'lag max'], ...rows]),
  ];
}

function failovers(r: Report): string[] {
  if (r.failovers.length === 0) return ['Failovers: none'];
  const rows = r.failovers.map((f) => [formatMs(f.atMs), formatMs(f.detectedAtMs), formatMs(f.completedAtMs), f.from, f.to, formatCount(f.lostWrites)]);
  return ['Failovers', ...alignColumns([['at ms', 'detected ms', 'completed ms', 'from', 'to', 'lost writes'], ...rows], ['right', 'right', 'right', 'left', 'left', 'right'])];
}

export function expectations(results: ExpectationResult[]): string[] {
  if (results.length === 0) return [];
  const passed = results.filter((e) => e.pass).length;
  const rows = results.map((e) => [`${e.pass ? '✓' : '✗'} ${e.expr}`, `actual ${formatValue(e.actual)}`]);
  return [`Expectations (${passed}/${results.length} pass)`, ...alignColumns(rows, ['left', 'left'])];
}

type SummaryRow = readonly [label: string, summary: Summary, format?: (n: number) => string];

/** Summaries sharing one mean/p50/p99/max header, so their columns line up. */
function summaryTable(rows: readonly SummaryRow[]): string[] {
  const body = rows.map(([label, s, format = formatMs]) => [label, format(s.mean), format(s.p50), format(s.p99), format(s.max)]);
  return alignColumns([['', 'mean', 'p50', 'p99', 'max'], ...body]);
}
