/** Pure geometry of the cluster picture: where each node and client group sits, and link curves. */
export interface Point {
  x: number;
  y: number;
}

export type CardSize = 'full' | 'compact' | 'mini';

export interface Place extends Point {
  id: string;
  /** agent: a non-database participant such as the failover manager. */
  kind: 'node' | 'group' | 'agent';
  /** Card box, for nodes. */
  w?: number;
  h?: number;
  size?: CardSize;
  /** Whether there is room left of the card for a read verdict's word ("fresh", "stale 2 behind"): not between columns. */
  flashLabel?: boolean;
  /** Whether the status sentence under a card ("acks before any replica has it") fits above the next card or the panel's edge. */
  pillRoom?: boolean;
}

/** A link as a quadratic Bézier from a to b through control point c. */
export interface LinkGeom {
  a: string;
  b: string;
  p0: Point;
  c: Point;
  p1: Point;
  /** Curve parameters where the link leaves a's shape and enters b's: messages travel between them. */
  f0: number;
  f1: number;
  /** Where a "✂ cut" label goes: a point of the curve clear of every card, group and other label. */
  label: Point;
}

export interface ClusterLayout {
  width: number;
  height: number;
  places: Map<string, Place>;
  links: LinkGeom[];
  cardW: number;
  cardH: number;
  /** Short cards (no separate role line) when the replicas' column is tight. */
  compact: boolean;
  /** Minimal cards (name, log strip, lag) when there are many replicas. */
  mini: boolean;
  /** The primary's card width (replica cards may be narrower in several columns). */
  primaryW: number;
}

/**
 * How much the cluster picture is enlarged in a big panel (1 to 2): the layout is made for the
 * panel's size divided by this, then drawn scaled up, so cards, labels and messages grow with
 * a 1920 or 2560 px screen instead of spreading thin. 900×480 is the panel at 1280×720.
 */
/** A status pill under a card: 4 px gap, 17 px pill, 2 px clear. */
export const PILL_SPACE_PX = 23;

export function clusterScale(width: number, height: number): number {
  return Math.max(1, Math.min(2, width / 900, height / 480));
}

export function layoutCluster(
  nodes: { id: string; role: string }[],
  groups: string[],
  links: [string, string][],
  width: number,
  height: number,
  agents: string[] = [],
): ClusterLayout {
  const places = new Map<string, Place>();
  const agentX = () => (places.get(nodes.find((n) => n.role === 'primary')?.id ?? '')?.x ?? width * 0.37);
  const primary = nodes.find((n) => n.role === 'primary') ?? nodes[0];
  const replicas = nodes.filter((n) => n !== primary);
  const spread = (i: number, n: number, top: number, bottom: number) =>
    n <= 1 ? (top + bottom) / 2 : top + ((bottom - top) * i) / (n - 1);
  // A client group's glyph and labels are ~74 px tall. Spread the groups over the panel's
  // height; when they still come closer than that, alternate them between two columns so
  // each label clears its neighbour's disc.
  const groupTop = Math.min(height * 0.22, 34);
  // A group's name and "clients" reach 56 px below its centre: they stay inside the panel.
  const groupBottom = Math.max(groupTop, height - 58);
  const groupStep = groups.length > 1 ? (groupBottom - groupTop) / (groups.length - 1) : Infinity;
  const zigzag = groupStep < 78;
  const groupX = Math.max(60, width * 0.09);
  groups.forEach((g, i) =>
    places.set(g, {
      id: g,
      kind: 'group',
      x: groupX + (zigzag && i % 2 === 1 ? 70 : 0),
      y: spread(i, groups.length, zigzag || groups.length > 2 ? groupTop : Math.max(26, height * 0.22), zigzag || groups.length > 2 ? groupBottom : Math.min(height * 0.78, groupBottom)),
    }),
  );
  // Replicas fill columns from the right; the size class follows the height each row gets.
  const cols = Math.max(1, Math.min(3, Math.ceil(replicas.length / Math.max(1, Math.floor((height - 12) / 44)))));
  const rows = Math.max(1, Math.ceil(replicas.length / cols));
  const rowH = (height - 12) / rows;
  const size: CardSize = rowH >= 92 ? 'full' : rowH >= 72 ? 'compact' : 'mini';
  const cardH = size === 'full' ? 86 : size === 'compact' ? 66 : Math.max(34, Math.min(44, rowH - 6));
  // Horizontal budget, left to right: client groups, the primary, the replica columns. When the
  // panel is narrow the replica cards and then the primary's card get narrower, so that nothing
  // overlaps (12 replicas in the 650 px panel of a 1280×720 screen).
  const groupRight = groups.length ? groupX + (zigzag ? 70 : 0) + 42 : 8;
  let primaryW = Math.max(164, Math.min(210, width * 0.22));
  const replicaRoom = () => width - 16 - (groupRight + 24 + primaryW + 40);
  const fitWidth = (w: number) => Math.min(w, (replicaRoom() + 14) / cols - 14);
  let cardW = fitWidth(cols > 1 ? Math.max(128, Math.min(180, (width * 0.5) / cols - 14)) : Math.max(164, Math.min(210, width * 0.22)));
  if (cardW < 116) {
    primaryW = 140;
    cardW = fitWidth(cols > 1 ? 128 : 164);
  }
  cardW = Math.max(size === 'mini' ? 104 : 120, cardW);
  const compact = size !== 'full';
  replicas.forEach((r, i) => {
    const col = i % cols;
    const row = Math.floor(i / cols);
    const x = width - cardW / 2 - 16 - (cols - 1 - col) * (cardW + 14);
    const y = spread(row, rows, cardH / 2 + 6, height - cardH / 2 - 6);
    const below = row < rows - 1 ? spread(row + 1, rows, cardH / 2 + 6, height - cardH / 2 - 6) - cardH / 2 : height;
    places.set(r.id, { id: r.id, kind: 'node', x, y, w: cardW, h: cardH, size, flashLabel: col === 0, pillRoom: below - (y + cardH / 2) >= PILL_SPACE_PX });
  });
  const leftmostReplica = replicas.length ? width - 16 - cols * (cardW + 14) + 14 : width;
  const px = Math.min(width * 0.37, leftmostReplica - primaryW / 2 - 40);
  const primarySize: CardSize = height >= 150 ? 'full' : 'compact';
  if (primary) {
    places.set(primary.id, {
      id: primary.id, kind: 'node', x: Math.max(primaryW / 2 + groupRight + 24, px), y: height / 2,
      w: primaryW, h: primarySize === 'full' ? 86 : 66, size: primarySize,
    });
  }
  // The failover manager's box (124 px) stays clear of the replica columns.
  const agentLimit = leftmostReplica - 70;
  agents.forEach((a, i) => places.set(a, { id: a, kind: 'agent', x: Math.min(agentX(), agentLimit - (agents.length - 1) * 130) + i * 130, y: 18 }));
  const pp = primary ? places.get(primary.id)! : { x: width / 2, y: height / 2 };
  const geoms: LinkGeom[] = [];
  for (const [a, b] of links) {
    const pa = places.get(a);
    const pb = places.get(b);
    if (!pa || !pb) continue;
    const isAgentLink = pa.kind === 'agent' || pb.kind === 'agent';
    const avoid = primary && !isAgentLink && a !== primary.id && b !== primary.id ? pp : null;
    const l: LinkGeom = { a, b, p0: pa, p1: pb, c: controlPoint(pa, pb, avoid, Math.max(cardW, cardH) * 0.75), f0: 0, f1: 1, label: { x: 0, y: 0 } };
    const inside = (p: Place, q: Point) => p.kind === 'group'
      ? Math.hypot(q.x - p.x, q.y - p.y) <= 26
      : p.kind === 'agent'
      ? Math.abs(q.x - p.x) <= 62 && Math.abs(q.y - p.y) <= 12
      : Math.abs(q.x - p.x) <= (p.w ?? cardW) / 2 + 3 && Math.abs(q.y - p.y) <= (p.h ?? cardH) / 2 + 3;
    const STEPS = 200;
    let i = 0;
    while (i < STEPS && inside(pa, pointOn(l, i / STEPS))) i++;
    let j = STEPS;
    while (j > i && inside(pb, pointOn(l, j / STEPS))) j--;
    l.f0 = i / STEPS;
    l.f1 = j / STEPS;
    geoms.push(l);
  }
  placeCutLabels(geoms, [...places.values()].map(placeBox));
  return { width, height, places, links: geoms, cardW, cardH, compact, mini: size === 'mini', primaryW };
}

/** Bends a link away from `avoid` (the primary) when the straight line would pass through it. */
function controlPoint(a: Point, b: Point, avoid: Point | null, clearance: number): Point {
  const mid = { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
  if (!avoid) return mid;
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const len2 = dx * dx + dy * dy || 1;
  const u = Math.max(0, Math.min(1, ((avoid.x - a.x) * dx + (avoid.y - a.y) * dy) / len2));
  const q = { x: a.x + u * dx, y: a.y + u * dy };
  let nx = q.x - avoid.x;
  let ny = q.y - avoid.y;
  const d = Math.hypot(nx, ny);
  if (d >= clearance) return mid;
  if (d < 1e-6) {
    nx = -dy;
    ny = dx;
  }
  const nl = Math.hypot(nx, ny) || 1;
  // A quadratic curve reaches halfway to its control point, hence the factor 2.
  const push = 2 * (clearance - d);
  return { x: mid.x + (nx / nl) * push, y: mid.y + (ny / nl) * push };
}

export interface Box { x0: number; x1: number; y0: number; y1: number }

/** What a place covers: a card, a client group's disc with its name and "clients", the manager's box. */
export function placeBox(p: Place): Box {
  if (p.kind === 'node') return { x0: p.x - p.w! / 2, x1: p.x + p.w! / 2, y0: p.y - p.h! / 2, y1: p.y + p.h! / 2 };
  if (p.kind === 'group') return { x0: p.x - 36, x1: p.x + 36, y0: p.y - 22, y1: p.y + 56 };
  return { x0: p.x - 62, x1: p.x + 62, y0: p.y - 11, y1: p.y + 11 };
}

/** The box of a "✂ cut" label centred at p (12 px bold, drawn 5 px below p). */
export function cutLabelBox(p: Point): Box {
  return { x0: p.x - 22, x1: p.x + 22, y0: p.y - 8, y1: p.y + 9 };
}

const overlaps = (a: Box, b: Box) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;

/**
 * Each link's cut label at the first point along its curve (middle first, then outwards) that
 * clears every place and every label placed before it; the middle when none does.
 */
function placeCutLabels(links: LinkGeom[], taken: Box[]): void {
  const tries = [0.5, 0.42, 0.58, 0.34, 0.66, 0.26, 0.74, 0.18, 0.82];
  for (const l of links) {
    const mid = l.f0 + (l.f1 - l.f0) * 0.5;
    let at = pointOn(l, mid);
    for (const f of tries) {
      const p = pointOn(l, l.f0 + (l.f1 - l.f0) * f);
      if (!taken.some((b) => overlaps(b, cutLabelBox(p)))) {
        at = p;
        break;
      }
    }
    l.label = at;
    taken.push(cutLabelBox(at));
  }
}

export function pointOn(l: LinkGeom, f: number): Point {
  const g = 1 - f;
  return {
    x: g * g * l.p0.x + 2 * g * f * l.c.x + f * f * l.p1.x,
    y: g * g * l.p0.y + 2 * g * f * l.c.y + f * f * l.p1.y,
  };
}

export function tangentOn(l: LinkGeom, f: number): Point {
  const x = 2 * (1 - f) * (l.c.x - l.p0.x) + 2 * f * (l.p1.x - l.c.x);
  const y = 2 * (1 - f) * (l.c.y - l.p0.y) + 2 * f * (l.p1.y - l.c.y);
  const n = Math.hypot(x, y) || 1;
  return { x: x / n, y: y / n };
}

export function linkPath(l: LinkGeom): string {
  return `M${l.p0.x},${l.p0.y}Q${l.c.x},${l.c.y} ${l.p1.x},${l.p1.y}`;
}

export function linkKey(a: string, b: string): string {
  return a < b ? `${a}|${b}` : `${b}|${a}`;
}
