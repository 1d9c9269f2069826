import type { FaultConfig, RoutingConfig, WorkloadGroupConfig, WorldConfig } from '../model/config.ts';
import type { Micros } from '../sim/time.ts';
import { toDistSpec } from './distribution.ts';
import { keyCountOf, toKeyChoice } from './keys.ts';
import { toRateSteps } from './rate.ts';
import type { ScenarioDoc } from './schema/scenario.ts';
import { parseDuration } from './units.ts';

/** Key space when no workload group names a key count. */
export const DEFAULT_KEY_COUNT = 1000;

type RoutingDoc = ScenarioDoc['routing'];
type FaultDoc = ScenarioDoc['faults'][number];

/** `dir/photo-upload.yaml` → `photo-upload`. */
export function nameFromFile(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  return base.replace(/\.(ya?ml|json)$/i, '') || 'scenario';
}

/** Default spacing of the lag series: duration/600 rounded to whole ms, at least 1ms. */
export function defaultSeriesInterval(durationUs: Micros): Micros {
  return Math.max(1_000, Math.round(durationUs / 600 / 1_000) * 1_000);
}

/** A validated, cross-checked document → WorldConfig: defaults filled, times in µs. */
export function buildConfig(doc: ScenarioDoc, fileName: string): WorldConfig {
  const durationUs = parseDuration(doc.duration);
  const r = doc.replication;
  const replicaIds = doc.nodes.filter((n) => n.role === 'replica').map((n) => n.id);
  const candidates = r.standbys.length > 0 ? r.standbys.length : replicaIds.length;
  const keyCount = Math.max(0, ...doc.workload.flatMap((g) => [keyCountOf(g.writes?.keys), keyCountOf(g.reads?.keys)]).map((k) => k ?? 0)) || DEFAULT_KEY_COUNT;

  return {
    name: doc.name ?? nameFromFile(fileName),
    seed: doc.seed,
    durationUs,
    nodes: doc.nodes.map((n) => ({
      id: n.id,
      role: n.role,
      applyTime: toDistSpec(n.applyTime ?? r.applyTime),
      applyWorkers: n.applyWorkers,
      priority: n.priority,
    })),
    replication: {
      mode: r.mode,
      commitTime: toDistSpec(r.commitTime),
      flushTime: toDistSpec(r.flushTime),
      waitFor: r.waitFor === 'all' ? candidates : r.waitFor,
      ackOn: r.ackOn,
      waitPoint: r.waitPoint,
      timeoutUs: parseDuration(r.timeout),
      quorum: r.quorum,
      standbys: [...r.standbys],
      reconnectUs: parseDuration(r.reconnect),
    },
    network: {
      latency: toDistSpec(doc.network.latency),
      clientLatency: toDistSpec(doc.network.clientLatency),
      links: doc.network.links.flatMap((l) => {
        const latency = toDistSpec(l.latency);
        if (l.between) {
          const [a, b] = l.between;
          return [{ from: a, to: b, latency }, { from: b, to: a, latency }];
        }
        return [{ from: l.from!, to: l.to!, latency }];
      }),
    },
    workload: doc.workload.map((g): WorkloadGroupConfig => {
      const out: WorkloadGroupConfig = { name: g.name, sessions: g.sessions };
      if (g.writes) {
        out.writes = { rate: toRateSteps(g.writes.rate), keys: toKeyChoice(g.writes.keys, keyCount) };
        if (g.writes.viewOwn) out.writes.viewOwn = { probability: g.writes.viewOwn.probability, delay: toDistSpec(g.writes.viewOwn.delay) };
        if (g.writes.cost !== undefined) out.writes.cost = toDistSpec(g.writes.cost);
      }
      if (g.reads) out.reads = { rate: toRateSteps(g.reads.rate), keys: toKeyChoice(g.reads.keys, keyCount) };
      if (g.follows) out.follows = { group: g.follows.group, readsPerWrite: g.follows.readsPerWrite, delay: toDistSpec(g.follows.delay) };
      if (g.routing) out.routing = toRouting(g.routing);
      return out;
    }),
    routing: toRouting(doc.routing),
    failover: toFailover(doc.failover),
    faults: doc.faults.map(toFault),
    clients: { writeTimeoutUs: parseDuration(doc.clients.timeout), writeRetries: doc.clients.retries, retryDelayUs: parseDuration(doc.clients.retryDelay) },
    monitor: { intervalUs: parseDuration(doc.monitor.interval), measure: doc.monitor.measure },
    keyCount,
    seriesIntervalUs: doc.report.seriesInterval !== undefined ? parseDuration(doc.report.seriesInterval) : defaultSeriesInterval(durationUs),
  };
}

function toRouting(r: RoutingDoc): RoutingConfig {
  const params: Record<string, number | string> = {};
  for (const k of ['maxLag', 'timeout', 'period', 'interval'] as const) if (r[k] !== undefined) params[k] = parseDuration(r[k]);
  if (r.mode !== undefined) params.mode = r.mode;
  return { reads: r.reads, params };
}

function toFailover(f: ScenarioDoc['failover']): WorldConfig['failover'] {
  const params: Record<string, number | string | boolean> = {
    confirmByReplicas: f.confirmByReplicas,
    cooldown: parseDuration(f.cooldown),
    fencing: f.fencing,
  };
  for (const k of ['maxLagOnFailover', 'leaseTtl', 'promoteTime', 'minReplicasMaxLag'] as const) if (f[k] !== undefined) params[k] = parseDuration(f[k]);
  if (f.minReplicas !== undefined) params.minReplicas = f.minReplicas;
  if (f.priorityOrder !== undefined) params.priorityOrder = f.priorityOrder;
  return { automatic: f.automatic, heartbeatUs: parseDuration(f.heartbeat), missedBeats: f.missedBeats, params };
}

/**
 * A fault → FaultConfig. `for` becomes untilUs = at + for. Degrade: nodes are the link's
 * ends, params.oneWay says whether only from→to is degraded, and params.extraDelay holds
 * the DistSpec (µs) as JSON text because params only carry scalars.
 */
function toFault(f: FaultDoc): FaultConfig {
  const atUs = parseDuration(f.at);
  const untilUs = f.until !== undefined ? parseDuration(f.until) : f.for !== undefined ? atUs + parseDuration(f.for) : undefined;
  const base = (kind: string, nodes: string[], params: FaultConfig['params'] = {}): FaultConfig =>
    untilUs === undefined ? { atUs, kind, nodes, params } : { atUs, untilUs, kind, nodes, params };
  if (f.crash !== undefined) return base('crash', [f.crash]);
  if (f.recover !== undefined) return base('recover', [f.recover]);
  if (f.partition !== undefined) {
    const sides = f.partition.map((s) => [...s]);
    return { ...base('partition', sides.flat(), f.oneWay ? { oneWay: true } : {}), sides };
  }
  if (f.heal !== undefined) return base('heal', []);
  if (f.degrade !== undefined) {
    const d = f.degrade;
    const params: FaultConfig['params'] = { oneWay: d.between === undefined };
    if (d.extraDelay !== undefined) params.extraDelay = JSON.stringify(toDistSpec(d.extraDelay));
    if (d.latencyFactor !== undefined) params.latencyFactor = d.latencyFactor;
    if (d.loss !== undefined) params.loss = d.loss;
    return base('degrade', d.between ? [...d.between] : [d.from!, d.to!], params);
  }
  if (f.stallApply !== undefined) return base('stall-apply', [f.stallApply]);
  if (f.slowPrimary !== undefined) return base('slow-primary', [], { factor: f.slowPrimary.factor });
  if (f.promote !== undefined) return base('promote', [f.promote]);
  if (f.switchover !== undefined) return base('switchover', [f.switchover]);
  throw new Error('fault with no action (the schema should have refused it)');
}
