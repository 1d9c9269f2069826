import type { World } from '../world-api.ts';

/** The node a fault names, or null (reported as a fault that did nothing). */
export function nodeOf(w: World, id: string | undefined) {
  return id === undefined ? null : (w.nodeById.get(id) ?? null);
}
