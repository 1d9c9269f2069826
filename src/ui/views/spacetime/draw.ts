import type { ScaleLinear } from 'd3-scale';
import type { Msg, ReadDone } from '../../state/index.ts';
import { drawMark, FRESH_COLOR, MARKS, STALE_COLOR } from '../marks.ts';

export interface Lanes {
  ids: string[];
  y: Map<string, number>;
}

export interface SpaceTimeGeom {
  x: ScaleLinear<number, number>;
  lanes: Lanes;
  width: number;
  height: number;
  left: number;
}

/** Where an arrow stops being drawn: its end, or the playhead if it is still on the wire. */
function tipTime(m: Msg, tUs: number): number {
  return Math.min(m.endUs, tUs);
}

/**
 * One arrow per message from (send time, sender lane) to (arrival, receiver lane), cut at the
 * playhead: the diagram never shows what has not happened yet.
 */
export function drawSpaceTime(
  ctx: CanvasRenderingContext2D,
  g: SpaceTimeGeom,
  msgs: Msg[],
  reads: ReadDone[],
  tUs: number,
  selectedMsg: number | null,
): void {
  ctx.clearRect(0, 0, g.width, g.height);
  ctx.lineWidth = 1;
  for (const id of g.lanes.ids) {
    const y = g.lanes.y.get(id)!;
    ctx.strokeStyle = '#cbd5e1';
    ctx.beginPath();
    ctx.moveTo(g.left, y);
    ctx.lineTo(g.width, y);
    ctx.stroke();
  }
  for (const m of msgs) {
    if (m.sendUs > tUs) continue;
    const y0 = g.lanes.y.get(m.from);
    const y1 = g.lanes.y.get(m.to);
    if (y0 === undefined || y1 === undefined) continue;
    const style = MARKS[m.kind] ?? MARKS.control;
    const x0 = g.x(m.sendUs);
    const span = Math.max(1, m.deliverUs - m.sendUs);
    const tip = tipTime(m, tUs);
    const f = (tip - m.sendUs) / span;
    const x1 = g.x(tip);
    const y = y0 + (y1 - y0) * f;
    const sel = m.id === selectedMsg;
    ctx.strokeStyle = style.color;
    ctx.globalAlpha = sel ? 1 : 0.75;
    ctx.lineWidth = sel ? 3 : style.filled ? 1.5 : 1.2;
    ctx.setLineDash(style.filled ? [] : [4, 3]);
    ctx.beginPath();
    ctx.moveTo(x0, y0);
    ctx.lineTo(x1, y);
    ctx.stroke();
    ctx.setLineDash([]);
    ctx.globalAlpha = 1;
    const len = Math.hypot(x1 - x0, y - y0) || 1;
    const dx = (x1 - x0) / len;
    const dy = (y - y0) / len;
    if (m.dropReason && m.endUs <= tUs) drawCross(ctx, x1, y, STALE_COLOR);
    else if (m.endUs <= tUs) drawMark(ctx, style, x1, y, dx, dy, 0.65);
    else drawMark(ctx, style, x1, y, dx, dy, 0.85);
  }
  for (const r of reads) drawVerdict(ctx, g, r);
}

function drawCross(ctx: CanvasRenderingContext2D, x: number, y: number, color: string): void {
  ctx.strokeStyle = color;
  ctx.lineWidth = 2;
  ctx.beginPath();
  ctx.moveTo(x - 4, y - 4);
  ctx.lineTo(x + 4, y + 4);
  ctx.moveTo(x + 4, y - 4);
  ctx.lineTo(x - 4, y + 4);
  ctx.stroke();
}

/** ✓ or ✗ on the serving node's lane where the read was served. */
function drawVerdict(ctx: CanvasRenderingContext2D, g: SpaceTimeGeom, r: ReadDone): void {
  const y = g.lanes.y.get(r.node);
  if (y === undefined) return;
  const x = g.x(r.serveUs);
  ctx.fillStyle = r.stale ? STALE_COLOR : FRESH_COLOR;
  ctx.font = 'bold 12px system-ui, sans-serif';
  ctx.textAlign = 'center';
  ctx.fillText(r.stale ? '✗' : '✓', x, y - 7);
  ctx.textAlign = 'start';
}

/** The arrow nearest to (px, py) within `radius`, for clicks. */
export function hitArrow(g: SpaceTimeGeom, msgs: Msg[], tUs: number, px: number, py: number, radius = 6): Msg | null {
  let best: Msg | null = null;
  let bestD = radius;
  for (const m of msgs) {
    if (m.sendUs > tUs) continue;
    const y0 = g.lanes.y.get(m.from);
    const y1 = g.lanes.y.get(m.to);
    if (y0 === undefined || y1 === undefined) continue;
    const tip = tipTime(m, tUs);
    const f = (tip - m.sendUs) / Math.max(1, m.deliverUs - m.sendUs);
    const d = distToSegment(px, py, g.x(m.sendUs), y0, g.x(tip), y0 + (y1 - y0) * f);
    if (d < bestD) {
      bestD = d;
      best = m;
    }
  }
  return best;
}

function distToSegment(px: number, py: number, x0: number, y0: number, x1: number, y1: number): number {
  const dx = x1 - x0;
  const dy = y1 - y0;
  const l2 = dx * dx + dy * dy;
  const u = l2 === 0 ? 0 : Math.max(0, Math.min(1, ((px - x0) * dx + (py - y0) * dy) / l2));
  return Math.hypot(px - (x0 + u * dx), py - (y0 + u * dy));
}
