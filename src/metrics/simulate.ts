import type { WorldConfig } from '../model/config.ts';
import { TRACE_SCHEMA_VERSION, type TraceRecord, type TraceSink } from '../model/trace.ts';
import { World } from '../model/world.ts';
import { buildReport } from './build-report.ts';
import { MetricsCollector } from './collector.ts';
import type { Report } from './report.ts';
import { TraceRecorder } from './trace-recorder.ts';

export interface SimulateOptions {
  /** Receives every trace record; omit for speed. */
  trace?: TraceSink;
}

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
  world.run(config.durationUs);
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
  };
}
