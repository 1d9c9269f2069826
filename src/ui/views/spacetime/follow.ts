import type { WritePath } from '../../state/follow.ts';
import { STALE_COLOR } from '../marks.ts';
import type { SpaceTimeGeom } from './draw.ts';

const EVENT_STYLE = {
  issue: { color: '#2563eb', label: 'write', filled: false },
  committed: { color: '#2563eb', label: 'commit', filled: true },
  received: { color: '#d97706', label: 'received', filled: false },
  applied: { color: '#15803d', label: 'applied', filled: true },
  ack: { color: '#2563eb', label: 'done', filled: true },
  'rolled-back': { color: STALE_COLOR, label: 'rolled back', filled: false },
  lost: { color: STALE_COLOR, label: 'lost', filled: false },
} as const;

/**
 * The followed write's events on the lanes, up to the playhead: issued by the client, committed
 * on the primary, received and applied on each replica, acknowledged to the client (write.ack),
 * and rolled back or lost where that happened. Messages between them are the highlighted arrows.
 */
export function drawFollowEvents(ctx: CanvasRenderingContext2D, g: SpaceTimeGeom, path: WritePath, tUs: number, fromUs: number): number {
  const events: { tUs: number; lane: string; kind: keyof typeof EVENT_STYLE }[] = [{ tUs: path.issueUs, lane: path.group, kind: 'issue' }];
  for (const [node, list] of path.nodes) for (const e of list) if (e.state !== 'not-received') events.push({ tUs: e.tUs, lane: node, kind: e.state });
  if (path.ack) events.push({ tUs: path.ack.tUs, lane: path.group, kind: 'ack' });
  let drawn = 0;
  ctx.save();
  ctx.beginPath();
  ctx.rect(g.left, 0, g.width - g.left, g.height);
  ctx.clip();
  ctx.font = '600 10px system-ui, sans-serif';
  ctx.textAlign = 'center';
  // Newest first, so that when two labels on a lane would overlap the later one (applied over
  // received, ack over issue) keeps its words; every event keeps its dot.
  const shown = events.filter((e) => g.lanes.y.has(e.lane) && e.tUs <= tUs && e.tUs >= fromUs).sort((a, b) => a.tUs - b.tUs);
  // Dots oldest first (a later apply covers its receipt), labels newest first.
  for (const e of shown) {
    const s = EVENT_STYLE[e.kind];
    ctx.beginPath();
    ctx.arc(g.x(e.tUs), g.lanes.y.get(e.lane)!, 5, 0, Math.PI * 2);
    ctx.fillStyle = s.filled ? s.color : '#fff';
    ctx.fill();
    ctx.strokeStyle = s.color;
    ctx.lineWidth = 2;
    ctx.stroke();
    drawn++;
  }
  // Words only where lanes are far enough apart to hold them (many replicas: dots only).
  const ys = [...g.lanes.y.values()].sort((a, b) => a - b);
  const laneGapPx = ys.length > 1 ? ys[1] - ys[0] : Infinity;
  if (laneGapPx < 22) {
    ctx.restore();
    return drawn;
  }
  const labelled = new Map<string, number[]>();
  for (const e of shown.reverse()) {
    const y = g.lanes.y.get(e.lane)!;
    const s = EVENT_STYLE[e.kind];
    const x = g.x(e.tUs);
    const xs = labelled.get(e.lane) ?? [];
    if (xs.some((x2) => Math.abs(x2 - x) < 52)) continue;
    xs.push(x);
    labelled.set(e.lane, xs);
    ctx.lineWidth = 3;
    ctx.strokeStyle = '#fff';
    ctx.strokeText(s.label, x, y - 9);
    ctx.fillStyle = s.color;
    ctx.fillText(s.label, x, y - 9);
  }
  ctx.restore();
  return drawn;
}
