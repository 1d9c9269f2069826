import type { Msg, Timeline } from '../state/index.ts';
import { msgAt } from '../state/index.ts';
import type { FollowState, WritePath } from '../state/follow.ts';

/** Sets a data attribute only when its value changes (per-frame DOM writes of equal values still cost). */
export function setData(el: HTMLElement, key: string, value: string): void {
  if (el.dataset[key] !== value) el.dataset[key] = value;
}

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

const writeEnds = new WeakMap<WritePath, { links: Set<string>; places: Set<string> }>();

/** Endpoints of the write's own messages (client group, primary, replicas) and the links between them. */
export function writeEndpoints(tl: Timeline, path: WritePath, linkKey: (a: string, b: string) => string): { links: Set<string>; places: Set<string> } {
  let e = writeEnds.get(path);
  if (e) return e;
  e = { links: new Set(), places: new Set([path.group, path.to]) };
  for (const mi of path.msgIndexes) {
    const m = msgAt(tl, mi);
    e.links.add(linkKey(m.from, m.to));
    e.places.add(m.from).add(m.to);
  }
  if (path.commit) e.places.add(path.commit.node);
  writeEnds.set(path, e);
  return e;
}

interface ReadEnds {
  /** How many of path.reads are folded in. */
  n: number;
  links: Set<string>;
  groups: Set<string>;
}

const readEnds = new WeakMap<WritePath, ReadEnds>();

/**
 * Groups that have read the key by the playhead, and the links those reads took: the first
 * `n` of the key's reads (in reply order). Grown incrementally while playing forward, rebuilt
 * after a seek back, so a frame does work only for reads that are new since the last one.
 */
export function readEndpoints(tl: Timeline, path: WritePath, n: number, linkKey: (a: string, b: string) => string): ReadEnds {
  let e = readEnds.get(path);
  if (!e || e.n > n) {
    e = { n: 0, links: new Set(), groups: new Set() };
    readEnds.set(path, e);
  }
  if (e.n < n) {
    const node = servedBy(tl);
    for (let i = e.n; i < n; i++) {
      const row = path.reads[i];
      const group = tl.readGroups[tl.reads.group[row]];
      e.groups.add(group);
      e.links.add(linkKey(group, node(row)));
    }
    e.n = n;
  }
  return e;
}

/** Node that served read.done row r (from the interned column, without decoding the record). */
function servedBy(tl: Timeline): (row: number) => string {
  const tab = tl.trace.tables.find((t) => t.type === 'read.done');
  const f = tab?.fields.find((x) => x.name === 'node');
  const d = f?.data as Int32Array | undefined;
  return (row) => (d ? tl.trace.strings[d[row]] : '');
}

