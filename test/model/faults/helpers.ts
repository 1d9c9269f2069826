import { parseScenario } from '../../../src/scenario/index.ts';
import { World } from '../../../src/model/world.ts';
import { MetricsCollector } from '../../../src/metrics/collector.ts';
import { TraceRecorder } from '../../../src/metrics/trace-recorder.ts';
import { buildReport } from '../../../src/metrics/build-report.ts';
import type { TraceRecord } from '../../../src/model/trace.ts';
import type { Version } from '../../../src/model/version.ts';

/**
 * The small cluster the fault tests share: a primary and two replicas, constant 10 ms links,
 * constant service times, one group of writers. `faults` (YAML list items) and a few
 * settings vary per test.
 */
export function cluster(faults: string, o: { replication?: string; failover?: string; priority1?: number; writeRate?: string } = {}): string {
  const replication = o.replication ?? 'mode: async';
  return `
name: fault test
seed: 3
duration: 6s
nodes:
  - { id: primary, role: primary }
  - { id: replica-1, role: replica, priority: ${o.priority1 ?? 0} }
  - { id: replica-2, role: replica }
replication:
  ${replication}
  commitTime: 0.1ms
  applyTime: 1ms
network:
  latency: 10ms
  clientLatency: 1ms
workload:
  - name: writers
    sessions: 20
    writes: { rate: [{ at: 0, rate: ${o.writeRate ?? '200/s'} }, { at: 4s, rate: 0 }], keys: 100 }
failover: { heartbeat: 200ms, missedBeats: 2${o.failover ?? ''} }
faults:
${faults}
`;
}

/** A world built from inline YAML that a test runs in steps, keeping the whole trace. */
export function stepper(yaml: string, onRecord?: (r: TraceRecord, w: World) => void) {
  const config = parseScenario(yaml, 'inline.yaml').config;
  const trace: TraceRecord[] = [];
  /** Every read served, with the full version (term and LSN) it returned. */
  const served: { t: number; node: string; key: number; version: Version }[] = [];
  let metrics!: MetricsCollector;
  const world: World = new World(config, (w) => {
    metrics = new MetricsCollector(w.nodes, config.keyCount, config.workload, config.seriesIntervalUs);
    const recorder = new TraceRecorder(
      metrics,
      (r) => {
        trace.push(r);
        onRecord?.(r, w);
      },
      config.workload.map((g) => g.name),
      w.groups,
    );
    const readServed = recorder.readServed.bind(recorder);
    recorder.readServed = (op, node, now) => {
      served.push({ t: now, node: node.id, key: op.key, version: op.version });
      readServed(op, node, now);
    };
    return recorder;
  });
  world.start();
  const node = (id: string) => world.nodeById.get(id)!;
  /** The message records (with their fate) sent in [fromUs, toUs). */
  const messages = (fromUs = 0, toUs = Infinity) => {
    const dropped = new Map<number, string>();
    for (const r of trace) if (r.type === 'msg.drop') dropped.set(r.id, r.reason);
    const out: { t: number; kind: string; from: string; to: string; lsn?: number; deliverAt: number; dropped?: string }[] = [];
    for (const r of trace)
      if (r.type === 'msg' && r.t >= fromUs && r.t < toUs) out.push({ t: r.t, kind: r.kind, from: r.from, to: r.to, lsn: r.lsn, deliverAt: r.deliverAt, dropped: dropped.get(r.id) });
    return out;
  };
  return {
    world,
    trace,
    served,
    node,
    messages,
    /** Runs up to and including `us`. */
    runTo: (us: number) => world.run(us),
    runToEnd: () => world.run(config.durationUs),
    report: () => buildReport(world, metrics),
  };
}

export const ms = (n: number) => n * 1000;
