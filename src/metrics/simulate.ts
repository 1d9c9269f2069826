// Placeholder signature; the implementation lands with the engine.
import type { WorldConfig } from '../model/config.ts';
import type { TraceSink } from '../model/trace.ts';
import type { Report } from './report.ts';

export interface SimulateOptions {
  /** Receives every trace record; omit for speed. */
  trace?: TraceSink;
}

export function simulate(_config: WorldConfig, _options: SimulateOptions = {}): Report {
  throw new Error('engine not yet implemented');
}
