import type { FailoverConfig, FaultConfig, LinkConfig, RoutingConfig, WorkloadGroupConfig, WorldConfig } from '../model/config.ts';
import type { Micros } from '../sim/time.ts';
import { toDistSpec } from './distribution.ts';
import { keyCountOf, toKeyChoice } from './keys.ts';
import { toRateSteps } from './rate.ts';
import { STALL_APPLY_DEFAULT_FOR } from './schema/faults.ts';
import type { ScenarioDoc } from './schema/scenario.ts';
import { parseBandwidthBitsPerSec, parseDuration, parseSizeBytes } from './units.ts';

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
  const mysql = doc.failover.flavor === 'mysql';
  const replicaIds = doc.nodes.filter((n) => n.role === 'replica').map((n) => n.id);
  // Depends on the node list, so it cannot be a static default in the schema.
  const standbys = r.standbys.length > 0 ? [...r.standbys] : replicaIds;
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
      parallelism: r.parallelism,
      waitFor: r.waitFor === 'all' ? standbys.length : r.waitFor,
      ackOn: r.ackOn,
      waitPoint: r.waitPoint,
      timeoutUs: parseDuration(r.timeout),
      quorum: r.quorum,
      standbys,
      waitNoReplica: r.waitNoReplica,
      // Their defaults depend on the flavour, so they cannot be static defaults in the schema.
      reconnectUs: parseDuration(r.reconnect ?? (mysql ? '60s' : '5s')),
      senderTimeoutUs: parseDuration(r.senderTimeout),
      receiverTimeoutUs: parseDuration(r.receiverTimeout),
      statusIntervalUs: parseDuration(r.statusInterval),
      localFlush: r.localFlush,
      flushIntervalUs: parseDuration(r.flushInterval ?? (mysql ? '1s' : '200ms')),
    },
    network: {
      latency: toDistSpec(doc.network.latency),
      clientLatency: toDistSpec(doc.network.clientLatency),
      bandwidthBitsPerSec: toBandwidth(doc.network.bandwidth),
      rtoMinUs: parseDuration(doc.network.rtoMin),
      links: doc.network.links.flatMap((l) => {
        const over: Omit<LinkConfig, 'from' | 'to'> = {};
        if (l.latency !== undefined) over.latency = toDistSpec(l.latency);
        if (l.bandwidth !== undefined) over.bandwidthBitsPerSec = toBandwidth(l.bandwidth);
        if (l.between) {
          const [a, b] = l.between;
          return [{ from: a, to: b, ...over }, { from: b, to: a, ...over }];
        }
        return [{ from: l.from!, to: l.to!, ...over }];
      }),
    },
    workload: doc.workload.map((g): WorkloadGroupConfig => {
      const out: WorkloadGroupConfig = { name: g.name, sessions: g.sessions };
      if (g.writes) {
        out.writes = { rate: toRateSteps(g.writes.rate), keys: toKeyChoice(g.writes.keys, keyCount), sizeBytes: parseSizeBytes(g.writes.size) };
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
    monitor: {
      intervalUs: parseDuration(doc.monitor.interval),
      measure: doc.monitor.measure,
      lagWhenNullUs: parseDuration(doc.monitor.lagWhenNull),
      // Routing on replay_lag needs the replies that feed it.
      standbyStatus: doc.monitor.standbyStatus || doc.monitor.measure === 'replay-lag',
    },
    keyCount,
    seriesIntervalUs: doc.report.seriesInterval !== undefined ? parseDuration(doc.report.seriesInterval) : defaultSeriesInterval(durationUs),
  };
}

/** The policy's own settings, nothing else (the schema gave every one its default). */
function toRouting(r: RoutingDoc): RoutingConfig {
  switch (r.reads) {
    case 'bounded-staleness':
      return { reads: r.reads, maxLagUs: parseDuration(r.maxLag) };
    case 'read-your-writes':
    case 'monotonic':
      return { reads: r.reads, mode: r.mode, timeoutUs: parseDuration(r.timeout) };
    case 'primary-after-write':
      return { reads: r.reads, periodUs: parseDuration(r.period) };
    default:
      return { reads: r.reads };
  }
}

function toFailover(f: ScenarioDoc['failover']): FailoverConfig {
  const heartbeatUs = parseDuration(f.heartbeat);
  return {
    flavor: f.flavor,
    automatic: f.automatic,
    heartbeatUs,
    missedBeats: f.missedBeats,
    confirmByReplicas: f.confirmByReplicas,
    maxLagOnFailoverUs: f.maxLagOnFailover !== undefined ? parseDuration(f.maxLagOnFailover) : null,
    cooldownUs: parseDuration(f.cooldown),
    fencing: f.fencing,
    // Depends on two other fields, so it cannot be a static default in the schema.
    leaseTtlUs: f.leaseTtl !== undefined ? parseDuration(f.leaseTtl) : heartbeatUs * f.missedBeats,
    minReplicas: f.minReplicas,
    minReplicasMaxLagUs: parseDuration(f.minReplicasMaxLag),
    priorityOrder: f.priorityOrder,
    promoteTimeUs: parseDuration(f.promoteTime),
    // Depends on the heartbeat, so it cannot be a static default in the schema.
    surveyTimeoutUs: f.surveyTimeout !== undefined ? parseDuration(f.surveyTimeout) : heartbeatUs,
  };
}

/**
 * A fault → its kind's FaultConfig. `for` becomes untilUs = at + for. A degrade names the
 * link by `between` (both directions) or `from`/`to` (that direction only); what it leaves
 * out is unchanged (factor 1, no loss, no extra delay).
 */
function toFault(f: FaultDoc): FaultConfig {
  const atUs = parseDuration(f.at);
  const untilUs = f.until !== undefined ? parseDuration(f.until) : f.for !== undefined ? atUs + parseDuration(f.for) : undefined;
  const lasting = untilUs === undefined ? { atUs } : { atUs, untilUs };
  if (f.crash !== undefined) return { kind: 'crash', atUs, node: f.crash, loseInFlight: f.network === 'lost' };
  if (f.recover !== undefined) return { kind: 'recover', atUs, node: f.recover };
  if (f.partition !== undefined) return { kind: 'partition', ...lasting, sides: f.partition.map((s) => [...s]), oneWay: f.oneWay === true };
  if (f.heal !== undefined) return { kind: 'heal', atUs };
  if (f.degrade !== undefined) {
    const d = f.degrade;
    const [from, to] = d.between ?? [d.from!, d.to!];
    return {
      kind: 'degrade',
      ...lasting,
      from,
      to,
      oneWay: d.between === undefined,
      latencyFactor: d.latencyFactor ?? 1,
      loss: d.loss ?? 0,
      extraDelay: d.extraDelay !== undefined ? toDistSpec(d.extraDelay) : null,
    };
  }
  if (f.stallApply !== undefined) return { kind: 'stall-apply', atUs, untilUs: untilUs ?? atUs + parseDuration(STALL_APPLY_DEFAULT_FOR), node: f.stallApply };
  if (f.slowPrimary !== undefined) return { kind: 'slow-primary', ...lasting, factor: f.slowPrimary.factor };
  if (f.promote !== undefined) return { kind: 'promote', atUs, node: f.promote };
  if (f.switchover !== undefined) return { kind: 'switchover', atUs, node: f.switchover };
  throw new Error('fault with no action (the schema should have refused it)');
}

/** `unlimited` → null; else bits per second. */
function toBandwidth(v: string | number): number | null {
  return v === 'unlimited' ? null : parseBandwidthBitsPerSec(v);
}
