import type { ReadPolicyFactory } from './policy.ts';
import { routeTo } from './policy.ts';

/** Each read goes to a replica chosen uniformly at random (the primary if there is none). */
export const randomPolicy: ReadPolicyFactory = (_params, rng) => ({
  route(view) {
    const replicas = view.replicas();
    if (replicas.length === 0) return routeTo(view.primary()!, 'no replica: primary');
    const node = replicas[Math.floor(rng() * replicas.length)];
    return routeTo(node, 'random replica');
  },
});
