import type { ReadPolicyFactory } from './policy.ts';
import { routeTo } from './policy.ts';

/** Reads cycle through the replicas in order (the primary if there is none). */
export const roundRobinPolicy: ReadPolicyFactory = () => {
  let next = 0;
  return {
    route(view) {
      const replicas = view.replicas();
      if (replicas.length === 0) return routeTo(view.primary()!, 'no replica: primary');
      const node = replicas[next++ % replicas.length];
      return routeTo(node, 'round-robin');
    },
  };
};
