import type { RateStep, WorldConfig } from '../model/config.ts';

/**
 * What a run will cost, estimated from its configuration before it starts, so that a run
 * that would take hours or exhaust memory is refused up front (with the fields that drive
 * it) instead of hanging. The figures count the mechanism, not a fit: each write is an
 * arrival, a request, a commit and an acknowledgement, and on every replica a log message,
 * a flush, an apply and an acknowledgement; each read is an arrival, a request and a reply.
 */
export interface WorkEstimate {
  events: number;
  memoryBytes: number;
  /** The biggest contributors to each, largest first, as `field: amount` phrases for messages. */
  eventDrivers: string[];
  memoryDrivers: string[];
  /** The scenario field that contributes most events, as a path (to point at its line). */
  topEventField: (string | number)[];
}

/** Above these a run needs `--allow-large` (CLI) or the page's confirmation. */
export const EVENT_BUDGET = 50_000_000;
export const MEMORY_BUDGET_BYTES = 1024 * 1024 * 1024;

const EVENTS_PER_WRITE_ON_PRIMARY = 4;
const EVENTS_PER_WRITE_PER_REPLICA = 4;
const EVENTS_PER_READ = 3;
/** Per key: every node's 16-byte record, and the checker's record (32 or 128 bytes). */
const KEY_BYTES_PER_NODE = 16;
const CHECKER_KEY_BYTES = 128;
/** Per session: three float64 session tokens. */
const SESSION_BYTES = 24;
/** Per lag-series point and replica: a float64 pair. */
const SERIES_POINT_BYTES = 16;

export function estimateWork(config: WorldConfig): WorkEstimate {
  const durationS = config.durationUs / 1e6;
  const replicas = Math.max(0, config.nodes.length - 1);
  const contributions: { field: string; path: (string | number)[]; events: number }[] = [];
  const writesByGroup = new Map<string, number>();
  config.workload.forEach((g, i) => {
    const writes = g.writes ? operations(g.writes.rate, config.durationUs) : 0;
    writesByGroup.set(g.name, writes);
    if (writes > 0) {
      const perWrite = EVENTS_PER_WRITE_ON_PRIMARY + EVENTS_PER_WRITE_PER_REPLICA * replicas + (g.writes?.viewOwn ? g.writes.viewOwn.probability * EVENTS_PER_READ : 0);
      contributions.push({ field: `workload[${i}].writes.rate × nodes`, path: ['workload', i, 'writes', 'rate'], events: writes * perWrite });
    }
    if (g.reads) contributions.push({ field: `workload[${i}].reads.rate`, path: ['workload', i, 'reads', 'rate'], events: operations(g.reads.rate, config.durationUs) * EVENTS_PER_READ });
  });
  config.workload.forEach((g, i) => {
    if (!g.follows) return;
    const followed = writesByGroup.get(g.follows.group) ?? 0;
    contributions.push({ field: `workload[${i}].follows.readsPerWrite`, path: ['workload', i, 'follows', 'readsPerWrite'], events: followed * g.follows.readsPerWrite * EVENTS_PER_READ });
  });
  // Heartbeats (ping and pong to every node) and lag-monitor samples of every replica.
  const beatsPerS = config.failover.heartbeatUs > 0 ? (2 * config.nodes.length * 1e6) / config.failover.heartbeatUs : 0;
  const samplesPerS = config.monitor.intervalUs > 0 ? (replicas * 1e6) / config.monitor.intervalUs : 0;
  contributions.push({ field: 'failover.heartbeat', path: ['failover', 'heartbeat'], events: beatsPerS * durationS });
  contributions.push({ field: 'monitor.interval', path: ['monitor', 'interval'], events: samplesPerS * durationS });

  const events = contributions.reduce((sum, c) => sum + c.events, 0);
  const sessions = config.workload.reduce((sum, g) => sum + g.sessions, 0);
  const seriesPoints = config.seriesIntervalUs > 0 ? config.durationUs / config.seriesIntervalUs : 0;
  const memory = [
    { field: 'keys × nodes', bytes: config.keyCount * (config.nodes.length * KEY_BYTES_PER_NODE + CHECKER_KEY_BYTES) },
    { field: 'workload[].sessions', bytes: sessions * SESSION_BYTES },
    { field: 'report.seriesInterval', bytes: seriesPoints * replicas * SERIES_POINT_BYTES },
  ];
  const memoryBytes = memory.reduce((sum, m) => sum + m.bytes, 0);
  const eventDrivers = largest(contributions.map((c) => ({ amount: c.events, text: `${c.field}: ${formatCount(c.events)} events` })));
  const memoryDrivers = largest(memory.map((m) => ({ amount: m.bytes, text: `${m.field}: ${formatBytes(m.bytes)}` })));
  const top = contributions.reduce((a, b) => (b.events > a.events ? b : a), contributions[0]);
  return { events, memoryBytes, eventDrivers, memoryDrivers, topEventField: top.path };
}

function largest(items: { amount: number; text: string }[]): string[] {
  return items.filter((i) => i.amount > 0).sort((a, b) => b.amount - a.amount).slice(0, 3).map((i) => i.text);
}

/** Whether the estimate is within budget; if not, why, in one paragraph. */
export function overBudget(estimate: WorkEstimate): string | null {
  const over: string[] = [];
  if (estimate.events > EVENT_BUDGET)
    over.push(`about ${formatCount(estimate.events)} events (budget ${formatCount(EVENT_BUDGET)}, roughly 20 s of simulation), mostly ${estimate.eventDrivers.join('; ')}`);
  if (estimate.memoryBytes > MEMORY_BUDGET_BYTES)
    over.push(`about ${formatBytes(estimate.memoryBytes)} of state (budget ${formatBytes(MEMORY_BUDGET_BYTES)}), mostly ${estimate.memoryDrivers.join('; ')}`);
  if (over.length === 0) return null;
  return `this run would take ${over.join(', and ')}`;
}

/** Operations a piecewise-constant rate issues over [0, durationUs). */
function operations(steps: readonly RateStep[], durationUs: number): number {
  let total = 0;
  for (let i = 0; i < steps.length; i++) {
    const from = Math.min(steps[i].atUs, durationUs);
    const to = Math.min(i + 1 < steps.length ? steps[i + 1].atUs : durationUs, durationUs);
    if (to > from) total += (steps[i].perSec * (to - from)) / 1e6;
  }
  return total;
}

function formatCount(n: number): string {
  if (n >= 1e12) return `${(n / 1e12).toPrecision(3)} trillion`;
  if (n >= 1e9) return `${(n / 1e9).toPrecision(3)} billion`;
  if (n >= 1e6) return `${(n / 1e6).toPrecision(3)} million`;
  return String(Math.round(n));
}

function formatBytes(n: number): string {
  if (n >= 1024 ** 3) return `${(n / 1024 ** 3).toPrecision(3)} GB`;
  if (n >= 1024 ** 2) return `${(n / 1024 ** 2).toPrecision(3)} MB`;
  return `${Math.round(n / 1024)} KB`;
}
