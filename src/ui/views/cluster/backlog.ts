import type { TraceColumns } from '../../trace/columns.ts';
import { numColumn, strColumn, tableOf } from '../../trace/columns.ts';

/**
 * The senders' send queues on links with a bandwidth, from the trace's `link.backlog`
 * records: each says how many bytes were queued at its time and when the queue would be
 * empty, draining at the link's rate in between. Folded here, never re-derived from messages.
 */
export interface BacklogSeries {
  tUs: number[];
  queuedBytes: number[];
  drainsAtUs: number[];
}

/** By directed link `from>to`; empty when the run had no bandwidth limit (or no queue ever formed). */
export function indexBacklog(trace: TraceColumns): Map<string, BacklogSeries> {
  const out = new Map<string, BacklogSeries>();
  const tab = tableOf(trace, 'link.backlog');
  if (!tab) return out;
  const from = strColumn(trace, tab, 'from')!;
  const to = strColumn(trace, tab, 'to')!;
  const bytes = numColumn(tab, 'queuedBytes')!;
  const drains = numColumn(tab, 'drainsAtUs')!;
  for (let row = 0; row < tab.count; row++) {
    const key = `${from(row)}>${to(row)}`;
    let s = out.get(key);
    if (!s) out.set(key, (s = { tUs: [], queuedBytes: [], drainsAtUs: [] }));
    s.tUs.push(trace.t[tab.rec[row]]);
    s.queuedBytes.push(bytes[row]);
    s.drainsAtUs.push(drains[row]);
  }
  return out;
}

/** Bytes queued at `tUs`: the last record at or before it, drained linearly towards its `drainsAtUs`. */
export function queuedBytesAt(s: BacklogSeries | undefined, tUs: number): number {
  if (!s) return 0;
  let lo = 0;
  let hi = s.tUs.length - 1;
  if (hi < 0 || s.tUs[0] > tUs) return 0;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (s.tUs[mid] <= tUs) lo = mid;
    else hi = mid - 1;
  }
  const t0 = s.tUs[lo];
  const end = s.drainsAtUs[lo];
  if (tUs >= end || end <= t0) return 0;
  return s.queuedBytes[lo] * ((end - tUs) / (end - t0));
}

/** `1.2 MB`, `340 kB`, `900 B`. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1e6) return `${(bytes / 1e6).toFixed(1)} MB`;
  if (bytes >= 1e3) return `${Math.round(bytes / 1e3)} kB`;
  return `${Math.round(bytes)} B`;
}
