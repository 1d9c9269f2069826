import type { Rng } from '../../sim/rng.ts';
import type { RoutingConfig } from '../config.ts';
import type { ClientGroup } from '../client-group.ts';
import type { DbNode } from '../node.ts';
import type { Version } from '../version.ts';

/** Where a read goes, and why (shown by the visualizer). */
export interface ReadRoute {
  node: DbNode;
  reason: string;
  /** A version the serving node must have applied before it answers (0 = none). */
  minVersion: Version;
  /**
   * How long the serving node may hold the read waiting for `minVersion` before it gives
   * up and the read is retried on the primary (MaxScale causal_reads_timeout). Only
   * meaningful when minVersion > 0; Infinity = wait as long as it takes.
   */
  waitUs: number;
  /** Lag-bounded policies: the bound (µs) and the chosen node's monitored lag (µs); -1 = none. */
  maxLagUs: number;
  lagUs: number;
}

/** What a routing policy may look at: the router's view, never ground truth. */
export interface RoutingView {
  now(): number;
  /** The node the router sends writes to, as far as it knows. */
  primary(): DbNode | null;
  /** Replicas the router currently considers usable. */
  replicas(): DbNode[];
  /** Lag of a replica as the lag monitor last sampled it, in µs (0 if never sampled). */
  monitoredLagUs(node: DbNode): number;
  /**
   * Newest version a replica had applied when the monitor last looked (its executed GTID
   * set, as ProxySQL's GTID tracking knows it); 0 if never sampled.
   */
  monitoredAppliedVersion(node: DbNode): Version;
}

/** One read routing policy; an instance serves one client group and may keep state. */
export interface ReadPolicy {
  route(view: RoutingView, group: ClientGroup, session: number, key: number): ReadRoute;
}

/** Makes a policy from its own resolved settings (one member of RoutingConfig). */
export type ReadPolicyFactory<C extends RoutingConfig = RoutingConfig> = (config: C, rng: Rng) => ReadPolicy;

export function routeTo(node: DbNode, reason: string, minVersion: Version = 0, waitUs = Infinity): ReadRoute {
  return { node, reason, minVersion, waitUs, maxLagUs: -1, lagUs: -1 };
}

/** A route chosen under a lag bound: the trace records the bound and the lag it saw. */
export function routeWithinLag(node: DbNode, reason: string, maxLagUs: number, lagUs: number): ReadRoute {
  return { node, reason, minVersion: 0, waitUs: Infinity, maxLagUs, lagUs };
}

/** The primary, for policies that fall back to it; throws only if there is none at all. */
export function primaryOf(view: RoutingView): DbNode {
  const p = view.primary();
  if (!p) throw new Error('no primary to route to');
  return p;
}

/** A round-robin cursor over whatever list it is given (the list may change between calls). */
export class Rotation {
  private next = 0;
  pick<T>(list: readonly T[]): T {
    return list[this.next++ % list.length];
  }
}

export function ms(us: number): string {
  return `${Math.round(us / 100) / 10}ms`;
}
