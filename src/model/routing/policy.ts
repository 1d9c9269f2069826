import type { Rng } from '../../sim/rng.ts';
import type { ClientGroup } from '../client-group.ts';
import type { DbNode } from '../node.ts';
import type { Version } from '../version.ts';

/** Where a read goes, and why (shown by the visualizer). */
export interface ReadRoute {
  node: DbNode;
  reason: string;
  /** A version the serving node must have applied before it answers (0 = none). */
  minVersion: Version;
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
}

/** One read routing policy; an instance serves one client group and may keep state. */
export interface ReadPolicy {
  route(view: RoutingView, group: ClientGroup, session: number, key: number): ReadRoute;
}

export type ReadPolicyFactory = (params: Record<string, number | string>, rng: Rng) => ReadPolicy;

export function routeTo(node: DbNode, reason: string, minVersion: Version = 0): ReadRoute {
  return { node, reason, minVersion };
}
