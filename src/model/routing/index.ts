import type { Rng } from '../../sim/rng.ts';
import type { RoutingConfig } from '../config.ts';
import type { ReadPolicy, ReadPolicyFactory } from './policy.ts';
import type { RoutingPolicyName } from './names.ts';
import { primaryPolicy } from './primary.ts';
import { randomPolicy } from './random.ts';
import { roundRobinPolicy } from './round-robin.ts';
import { leastLagPolicy } from './least-lag.ts';
import { boundedStalenessPolicy } from './bounded-staleness.ts';
import { stickyPolicy } from './sticky.ts';
import { readYourWritesPolicy } from './read-your-writes.ts';
import { monotonicPolicy } from './monotonic.ts';
import { primaryAfterWritePolicy } from './primary-after-write.ts';

/** Every name in ROUTING_POLICIES has a factory: the compiler checks the record is complete. */
const FACTORIES: Record<RoutingPolicyName, ReadPolicyFactory> = {
  primary: primaryPolicy,
  random: randomPolicy,
  'round-robin': roundRobinPolicy,
  'least-lag': leastLagPolicy,
  'bounded-staleness': boundedStalenessPolicy,
  sticky: stickyPolicy,
  'read-your-writes': readYourWritesPolicy,
  monotonic: monotonicPolicy,
  'primary-after-write': primaryAfterWritePolicy,
};

export function makeReadPolicy(config: RoutingConfig, rng: Rng): ReadPolicy {
  const factory = (FACTORIES as Record<string, ReadPolicyFactory | undefined>)[config.reads];
  if (!factory) throw new Error(`unknown routing policy '${config.reads}'`);
  return factory(config.params, rng);
}

export type { ReadPolicy, ReadRoute, RoutingView } from './policy.ts';
