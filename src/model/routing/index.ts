import type { Rng } from '../../sim/rng.ts';
import type { RoutingConfig } from '../config.ts';
import type { ReadPolicy, ReadPolicyFactory } from './policy.ts';
import { primaryPolicy } from './primary.ts';
import { randomPolicy } from './random.ts';
import { roundRobinPolicy } from './round-robin.ts';

const FACTORIES: Record<string, ReadPolicyFactory> = {
  primary: primaryPolicy,
  random: randomPolicy,
  'round-robin': roundRobinPolicy,
};

export function makeReadPolicy(config: RoutingConfig, rng: Rng): ReadPolicy {
  const factory = FACTORIES[config.reads];
  if (!factory) throw new Error(`routing policy '${config.reads}' is not implemented yet`);
  return factory(config.params, rng);
}

export type { ReadPolicy, ReadRoute, RoutingView } from './policy.ts';
