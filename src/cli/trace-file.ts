import { closeSync, openSync, writeSync } from 'node:fs';
import type { TraceRecord, TraceSink } from '../model/trace.ts';
import { BadInputError } from './exit-codes.ts';
import { traceLine } from '../metrics/trace-line.ts';

export interface TraceFile {
  sink: TraceSink;
  /** Flushes what is buffered and closes the file; safe to call twice. */
  close(): void;
}

// The engine calls the sink synchronously, millions of times, without yielding to the
// event loop, so an fs.WriteStream would only queue everything in memory until the run
// ends. Instead lines are joined into ~1 MB chunks and written synchronously.
const FLUSH_AT_CHARS = 1 << 20;

export { traceLine };

/** Opens OUT.ndjson for writing: one TraceRecord per line, in the order the engine emits them. */
export function openTraceFile(path: string): TraceFile {
  const fd = openOrThrow(path);
  let lines: string[] = [];
  let bufferedChars = 0;
  let open = true;

  const flush = (): void => {
    if (lines.length === 0) return;
    const chunk = lines.join('');
    lines = [];
    bufferedChars = 0;
    try {
      writeSync(fd, chunk);
    } catch (error) {
      throw new BadInputError(`repsim: ${path}: cannot write trace: ${(error as Error).message}`);
    }
  };

  const sink = (record: TraceRecord): void => {
    const line = traceLine(record);
    lines.push(line);
    bufferedChars += line.length;
    if (bufferedChars >= FLUSH_AT_CHARS) flush();
  };

  const close = (): void => {
    if (!open) return;
    open = false;
    try {
      flush();
    } finally {
      closeSync(fd);
    }
  };

  return { sink, close };
}

function openOrThrow(path: string): number {
  try {
    return openSync(path, 'w');
  } catch (error) {
    const code = (error as { code?: string }).code;
    const reason = code === 'ENOENT' ? 'its directory does not exist' : code === 'EACCES' ? 'permission denied' : (error as Error).message;
    throw new BadInputError(`repsim: ${path}: cannot open trace file for writing: ${reason}`);
  }
}
