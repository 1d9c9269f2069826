import type { World } from '../model/world.ts';
import type { MetricsCollector } from './collector.ts';
import type { GroupReadReport, Report } from './report.ts';
import type { MonitorSample } from '../model/monitor/lag-monitor.ts';

const MS = 1000;

/** Turns the collector's accumulators into the public report (durations in ms). */
export function buildReport(world: World, m: MetricsCollector): Report {
  const config = world.config;
  const durationUs = config.durationUs;
  m.lag.finish(durationUs);
  const replicas = world.nodes.filter((n) => n.config.role === 'replica' || n.role === 'replica');
  // Ids are data: maps keyed by them are built with Object.fromEntries, which defines own
  // properties, so a node named `__proto__` or `constructor` keeps its figures.
  const applyDelayMs: Report['replication']['applyDelayMs'] = Object.fromEntries(replicas.map((n) => [n.id, m.applyDelayUs[n.index].summary(MS)]));
  const lagMs: Report['replication']['lagMs'] = Object.fromEntries(
    replicas.map((n) => [n.id, { mean: m.lag.meanUs(n.index, durationUs) / MS, max: m.lag.maxUs(n.index) / MS }]),
  );
  const series: Record<string, number[]> = Object.fromEntries(replicas.map((n) => [n.id, m.lag.seriesUs(n.index).map((us) => us / MS)]));
  const monitor: Report['replication']['monitor'] = {
    intervalMs: world.monitor.intervalUs / MS,
    measure: world.monitor.measure,
    byReplica: Object.fromEntries(replicas.map((n) => [n.id, monitorSeries(world.monitor.samples[n.index])])),
  };
  const byGroup: Report['reads']['byGroup'] = Object.fromEntries(
    world.groups.flatMap((g, i) => {
      const r = m.group(i);
      if (r.total === 0 && !g.config.reads && !g.config.follows && !g.config.writes?.viewOwn) return [];
      const report: GroupReadReport = {
        policy: g.routing.reads,
        total: r.total,
        stale: r.stale,
        staleFraction: r.total > 0 ? r.stale / r.total : 0,
        rywViolations: r.ryw,
        monotonicViolations: r.monotonic,
        primaryShare: r.total > 0 ? r.primary / r.total : 0,
        waited: r.waited,
        fellBack: r.fellBack,
        latencyMs: r.latencyUs.summary(MS),
      };
      return [[g.name, report]];
    }),
  );
  const completed = m.readsCompleted;
  const c = m.checker;
  return {
    scenario: config.name,
    seed: config.seed,
    simulatedTimeMs: durationUs / MS,
    events: world.events,
    writes: {
      issued: m.writesIssued,
      acknowledged: m.writesAcked,
      failed: m.writesFailed,
      lostAcknowledged: m.lost.lostAcknowledged,
      latencyMs: m.writeLatencyUs.summary(MS),
      unavailableMs: m.unavailableUsAt(durationUs) / MS,
      ackedByDeposedPrimary: m.ackedByDeposedPrimary,
      lockWaits: {
        count: m.lockWaitUs.count,
        fraction: m.writesCommitted > 0 ? m.lockWaitUs.count / m.writesCommitted : 0,
        waitMs: m.lockWaitUs.summary(MS),
      },
    },
    reads: {
      total: completed,
      failed: m.readsFailed,
      stale: c.stale,
      staleFraction: completed > 0 ? c.stale / completed : 0,
      rywViolations: c.rywViolations,
      monotonicViolations: c.monotonicViolations,
      phantom: m.phantoms.count(),
      byNode: Object.fromEntries(m.readsByNode),
      latencyMs: m.readLatencyUs.summary(MS),
      versionsBehind: c.versionsBehind.summary(),
      timeBehindMs: c.timeBehindUs.summary(MS),
      primaryShare: completed > 0 ? m.readsByPrimary / completed : 0,
      waited: m.readsWaited,
      fellBack: m.readsFellBack,
      waitMs: m.waitUs.summary(MS),
      byGroup,
    },
    replication: {
      mode: world.mode.status(),
      applyDelayMs,
      lagMs,
      lagSeries: { intervalMs: config.seriesIntervalUs / MS, byReplica: series },
      monitor,
    },
    failovers: m.failovers,
    errantTransactions: { total: [...m.errantByNode.values()].reduce((a, b) => a + b, 0), byNode: Object.fromEntries(m.errantByNode) },
    expectations: [],
  };
}

function monitorSeries(samples: readonly MonitorSample[]): Report['replication']['monitor']['byReplica'][string] {
  const trueLagMs = samples.map((s) => s.trueLagUs / MS);
  const lsnLag = samples.map((s) => s.lsnLag);
  const secondsBehindMs = samples.map((s) => s.secondsBehindUs / MS);
  const secondsBehindSource = samples.map((s) => s.secondsBehindSource);
  return {
    trueLagMs,
    lsnLag,
    secondsBehindMs,
    secondsBehindSource,
    secondsBehindSourceNull: secondsBehindSource.filter((v) => v === null).length,
    replayLagMs: samples.map((s) => (s.pgStat?.replayLagUs == null ? null : s.pgStat.replayLagUs / MS)),
    maxTrueLagMs: Math.max(0, ...trueLagMs),
    maxLsnLag: Math.max(0, ...lsnLag),
    maxSecondsBehindMs: Math.max(0, ...secondsBehindMs),
  };
}
