import type { RoutingConfig } from '../config.ts';
import type { ReadPolicyFactory } from './policy.ts';
import { ms, primaryOf, Rotation, routeWithinLag } from './policy.ts';

/**
 * Replicas whose monitored lag exceeds `maxLag` are shunned (ProxySQL's
 * `max_replication_lag`, MaxScale's `max_slave_replication_lag`); the others share the reads
 * round-robin; when none qualifies the read goes to the primary. Guarantee (with a monitor
 * that measures true lag): a read is served by a replica whose lag was at most maxLag when
 * last sampled, so its lag when serving is below maxLag + monitor interval + the read's
 * trip to the replica.
 */
export const boundedStalenessPolicy: ReadPolicyFactory<Extract<RoutingConfig, { reads: 'bounded-staleness' }>> = ({ maxLagUs }) => {
  const rotation = new Rotation();
  return {
    route(view) {
      const fresh = view.replicas().filter((r) => view.monitoredLagUs(r) <= maxLagUs);
      if (fresh.length === 0) return routeWithinLag(primaryOf(view), `no replica within maxLag ${ms(maxLagUs)}: primary`, maxLagUs, 0);
      const node = rotation.pick(fresh);
      const lagUs = view.monitoredLagUs(node);
      return routeWithinLag(node, `lag ${ms(lagUs)} ≤ maxLag ${ms(maxLagUs)}`, maxLagUs, lagUs);
    },
  };
};
