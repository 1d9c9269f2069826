import type { Msg, Timeline } from '../state/index.ts';
import { msgAt } from '../state/index.ts';
import type { FollowState, WritePath } from '../state/follow.ts';

/** How strongly marks off the followed write's path are drawn (canvas alpha, and the SVG opacity in the CSS). */
export const DIM_ALPHA = 0.15;

/** The followed write's halo (yellow: no message kind uses it). */
export const HALO_COLOR = 'rgba(250, 204, 21, 0.55)';

/** A message's part in the followed write: on its path, one of the key's reads, or dimmed. */
export type Emphasis = 'path' | 'read' | 'dim';

export function emphasisOf(path: WritePath, m: Msg): Emphasis {
  return path.msgIds.has(m.id) ? 'path' : path.readMsgIds.has(m.id) ? 'read' : 'dim';
}

/** Words for a node's state of the followed write, short enough for a card's badge. */
export const FOLLOW_STATE_TEXT: Record<FollowState, string> = {
  'not-received': 'not received yet',
  received: 'received, not applied',
  applied: 'applied ✓',
  committed: 'committed',
  'rolled-back': 'rolled back',
  lost: 'lost',
};

const endpointsCache = new WeakMap<WritePath, { links: Set<string>; places: Set<string> }>();

/** Endpoints of the path's messages and of the key's reads (groups and nodes), and the links between them. */
export function pathEndpoints(tl: Timeline, path: WritePath, linkKey: (a: string, b: string) => string): { links: Set<string>; places: Set<string> } {
  let e = endpointsCache.get(path);
  if (e) return e;
  e = { links: new Set(), places: new Set([path.group, path.to]) };
  for (const mi of path.msgIndexes) {
    const m = msgAt(tl, mi);
    e.links.add(linkKey(m.from, m.to));
    e.places.add(m.from).add(m.to);
  }
  if (path.commit) e.places.add(path.commit.node);
  // Reads: the group that asked and the node that served (tl.reads columns, no decoding).
  const groups = new Set<number>();
  for (const row of path.reads) groups.add(tl.reads.group[row]);
  for (const g of groups) e.places.add(tl.readGroups[g]);
  const mine = new Set(path.reads);
  for (const [node, rows] of tl.readsByNode) {
    for (const r of rows) {
      if (!mine.has(r)) continue;
      e.places.add(node);
      e.links.add(linkKey(tl.readGroups[tl.reads.group[r]], node));
    }
  }
  endpointsCache.set(path, e);
  return e;
}
