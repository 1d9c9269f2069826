import type { TraceRecord } from '../model/trace.ts';

/**
 * One trace record as one NDJSON line, exactly as `repsim run --trace` writes it (golden
 * digests hash these) and as the page's "Export trace" writes it. Here, below the CLI and the
 * page, so both use the one encoding.
 */
export function traceLine(record: TraceRecord): string {
  return `${JSON.stringify(record)}\n`;
}
