import type { WorldConfig, WorldSettings } from '../model/config.ts';
import { TRACE_SCHEMA_VERSION, type TraceRecord, type TraceSink } from '../model/trace.ts';
import { World } from '../model/world.ts';
import { buildReport } from './build-report.ts';
import { MetricsCollector } from './collector.ts';
import type { Report } from './report.ts';
import { TraceRecorder } from './trace-recorder.ts';

export interface SimulateOptions {
  /** Receives every trace record; omit for speed. */
  trace?: TraceSink;
  /**
   * Called after each of PROGRESS_SLICES equal slices of simulated time, with the simulated
   * time reached and the events processed so far. Slicing the run changes nothing in it:
   * the world processes the same events in the same order.
   */
  onProgress?: (simulatedUs: number, events: number) => void;
}

export const PROGRESS_SLICES = 200;

/** The whole simulation: (config, seed) → report, and optionally the trace. Pure. */
export function simulate(config: WorldConfig, options: SimulateOptions = {}): Report {
  return runWorld(config, options).report;
}

/** Like `simulate`, but also hands back the world and the collector (for tests and tools). */
export function runWorld(config: WorldConfig, options: SimulateOptions = {}) {
  let metrics!: MetricsCollector;
  const world = new World(config, (w) => {
    metrics = new MetricsCollector(w.nodes, config.keyCount, config.workload, config.seriesIntervalUs);
    if (!options.trace) return metrics;
    options.trace(metaRecord(config));
    return new TraceRecorder(metrics, options.trace, config.workload.map((g) => g.name), w.groups, config.replication.mode);
  });
  world.start();
  if (options.onProgress) {
    for (let i = 1; i <= PROGRESS_SLICES; i++) {
      const untilUs = Math.floor((config.durationUs * i) / PROGRESS_SLICES);
      world.run(untilUs);
      options.onProgress(untilUs, world.events);
    }
  } else world.run(config.durationUs);
  return { world, metrics, report: buildReport(world, metrics) };
}

function metaRecord(config: WorldConfig): TraceRecord {
  return {
    t: 0,
    type: 'meta',
    version: TRACE_SCHEMA_VERSION,
    scenario: config.name,
    seed: config.seed,
    durationUs: config.durationUs,
    nodes: config.nodes.map((n) => ({ id: n.id, role: n.role })),
    groups: config.workload.map((g) => g.name),
    replication: config.replication.mode,
    config: settingsOf(config),
  };
}

/** Everything but the faults, which the trace records as they fire. */
function settingsOf(config: WorldConfig): WorldSettings {
  const { faults: _faults, ...settings } = config;
  return settings;
}
