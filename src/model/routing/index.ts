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

/** The settings of one policy. */
type SettingsOf<K extends RoutingPolicyName> = Extract<RoutingConfig, { reads: K }>;

/**
 * Every name in ROUTING_POLICIES has a factory taking that policy's settings: the compiler
 * checks the record is complete and that RoutingConfig has a shape for every name.
 */
const FACTORIES: { [K in RoutingPolicyName]: ReadPolicyFactory<SettingsOf<K>> } = {
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

/** Names RoutingConfig has and ROUTING_POLICIES lacks (must be none). */
type UnlistedPolicy = Exclude<RoutingConfig['reads'], RoutingPolicyName>;
const everyConfigIsListed: [UnlistedPolicy] extends [never] ? true : UnlistedPolicy = true;
void everyConfigIsListed;

export function makeReadPolicy(config: RoutingConfig, rng: Rng): ReadPolicy {
  // TypeScript cannot relate config.reads to the factory's parameter; the mapped type above does.
  const factory = FACTORIES[config.reads] as ReadPolicyFactory;
  return factory(config, rng);
}

export type { ReadPolicy, ReadRoute, RoutingView } from './policy.ts';
