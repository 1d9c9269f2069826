/** Read routing policies a scenario may name. Each has a file of its own in this folder. */
export const ROUTING_POLICIES = [
  'primary',
  'random',
  'round-robin',
  'least-lag',
  'bounded-staleness',
  'sticky',
  'read-your-writes',
  'monotonic',
  'primary-after-write',
] as const;

export type RoutingPolicyName = (typeof ROUTING_POLICIES)[number];
