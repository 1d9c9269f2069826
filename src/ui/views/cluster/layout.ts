/** Pure geometry of the cluster picture: where each node and client group sits, and link curves. */
export interface Point {
  x: number;
  y: number;
}

export interface Place extends Point {
  id: string;
  /** agent: a non-database participant such as the failover manager. */
  kind: 'node' | 'group' | 'agent';
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
  agents.forEach((a, i) => places.set(a, { id: a, kind: 'agent', x: width * 0.37 + i * 130, y: 18 }));
  const primary = nodes.find((n) => n.role === 'primary') ?? nodes[0];
  const replicas = nodes.filter((n) => n !== primary);
  const cardW = Math.max(164, Math.min(210, width * 0.22));
  const rowsNeeded = Math.ceil(replicas.length / (replicas.length > 5 ? 2 : 1));
  const compact = (height - 12) / Math.max(1, rowsNeeded) < 94;
  const cardH = compact ? 66 : 86;
  const spread = (i: number, n: number, top: number, bottom: number) =>
    n <= 1 ? (top + bottom) / 2 : top + ((bottom - top) * i) / (n - 1);
  groups.forEach((g, i) =>
    places.set(g, { id: g, kind: 'group', x: Math.max(60, width * 0.09), y: spread(i, groups.length, height * 0.22, height * 0.78) }),
  );
  if (primary) places.set(primary.id, { id: primary.id, kind: 'node', x: width * 0.37, y: height / 2 });
  const cols = replicas.length > 5 ? 2 : 1;
  const perCol = Math.ceil(replicas.length / cols);
  const margin = cardH / 2 + 6;
  replicas.forEach((r, i) => {
    const col = cols === 1 ? 0 : i % 2;
    const row = cols === 1 ? i : Math.floor(i / 2);
    const x = cols === 1 ? width - cardW / 2 - 24 : width - cardW / 2 - 24 - (1 - col) * (cardW + 24);
    places.set(r.id, { id: r.id, kind: 'node', x, y: spread(row, perCol, margin, height - margin) });
  });
  const pp = primary ? places.get(primary.id)! : { x: width / 2, y: height / 2 };
  const geoms: LinkGeom[] = [];
  for (const [a, b] of links) {
    const pa = places.get(a);
    const pb = places.get(b);
    if (!pa || !pb) continue;
    const isAgentLink = pa.kind === 'agent' || pb.kind === 'agent';
    const avoid = primary && !isAgentLink && a !== primary.id && b !== primary.id ? pp : null;
    const l: LinkGeom = { a, b, p0: pa, p1: pb, c: controlPoint(pa, pb, avoid, Math.max(cardW, cardH) * 0.75), f0: 0, f1: 1 };
    const inside = (p: Place, q: Point) => p.kind === 'group'
      ? Math.hypot(q.x - p.x, q.y - p.y) <= 26
      : p.kind === 'agent'
      ? Math.abs(q.x - p.x) <= 62 && Math.abs(q.y - p.y) <= 12
      : Math.abs(q.x - p.x) <= cardW / 2 + 3 && Math.abs(q.y - p.y) <= cardH / 2 + 3;
    const STEPS = 200;
    let i = 0;
    while (i < STEPS && inside(pa, pointOn(l, i / STEPS))) i++;
    let j = STEPS;
    while (j > i && inside(pb, pointOn(l, j / STEPS))) j--;
    l.f0 = i / STEPS;
    l.f1 = j / STEPS;
    geoms.push(l);
  }
  return { width, height, places, links: geoms, cardW, cardH, compact };
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
