import type { DbNode } from '../node.ts';
import type { ReadPolicyFactory } from './policy.ts';
import { primaryOf, routeTo } from './policy.ts';

/**
 * A session is pinned to one replica (chosen at random on its first read) and stays there
 * while the router lists it; if it disappears the session is re-pinned. This is connection
 * affinity: a driver or pool that keeps one replica connection per user session. Reads on one
 * replica see its history in order, so monotonic reads hold while the pin holds; it does
 * nothing for read-your-writes (the replica may not yet have the session's own write).
 */
export const stickyPolicy: ReadPolicyFactory = (_params, rng) => {
  const pins = new Map<number, DbNode>();
  return {
    route(view, _group, session) {
      const replicas = view.replicas();
      if (replicas.length === 0) return routeTo(primaryOf(view), 'no replica: primary');
      const pinned = pins.get(session);
      if (pinned && replicas.includes(pinned)) return routeTo(pinned, `sticky: session pinned to ${pinned.id}`);
      const node = replicas[Math.floor(rng() * replicas.length)];
      pins.set(session, node);
      return routeTo(node, pinned ? `sticky: ${pinned.id} gone, re-pinned to ${node.id}` : `sticky: session pinned to ${node.id}`);
    },
  };
};
