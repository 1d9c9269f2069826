import type { Linear } from '../linear.ts';
import type { Msg, ReadDone } from '../../state/index.ts';
import { drawMark, FRESH_COLOR, MARKS, STALE_COLOR } from '../marks.ts';
import { DIM_ALPHA, HALO_COLOR } from '../follow-style.ts';
import type { Emphasis } from '../follow-style.ts';

export interface Lanes {
  ids: string[];
  y: Map<string, number>;
}

export interface SpaceTimeGeom {
  x: Linear;
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
 * playhead: the diagram never shows what has not happened yet. Lines are batched into one path
 * per kind (thousands of arrows stay cheap); only messages still on the wire get a head mark.
 */
export function drawSpaceTime(
  ctx: CanvasRenderingContext2D,
  g: SpaceTimeGeom,
  msgs: Msg[],
  reads: ReadDone[],
  tUs: number,
  selectedMsg: number | null,
  /** While a write is followed: each message's part in it (others are dimmed), and whether a read is of its key. */
  follow?: { emphasis: (m: Msg) => Emphasis; keyRead: (r: ReadDone) => boolean },
): { highlighted: number; dimmed: number } {
  const counts = { highlighted: 0, dimmed: 0 };
  ctx.clearRect(0, 0, g.width, g.height);
  ctx.save();
  // Arrows that started before the window stop at its left edge, clear of the lane labels.
  ctx.beginPath();
  ctx.rect(g.left, 0, g.width - g.left, g.height);
  ctx.clip();
  ctx.lineWidth = 1;
  ctx.strokeStyle = '#cbd5e1';
  ctx.beginPath();
  for (const id of g.lanes.ids) {
    const y = g.lanes.y.get(id)!;
    ctx.moveTo(g.left, y);
    ctx.lineTo(g.width, y);
  }
  ctx.stroke();
  const byKind = new Map<string, Msg[]>();
  for (const m of msgs) {
    if (m.sendUs > tUs || !g.lanes.y.has(m.from) || !g.lanes.y.has(m.to)) continue;
    const list = byKind.get(m.kind);
    if (list) list.push(m);
    else byKind.set(m.kind, [m]);
  }
  const heads: [Msg, number, number, number, number][] = [];
  const onPath: [Msg, number, number, number, number][] = [];
  for (const [kind, all] of byKind) {
    const style = MARKS[kind as Msg['kind']];
    let list = all;
    if (follow) {
      list = [];
      for (const m of all) {
        if (follow.emphasis(m) === 'dim') {
          list.push(m);
          counts.dimmed++;
        } else {
          onPath.push([m, ...arrow(g, m, tUs)]);
          counts.highlighted++;
        }
      }
    }
    ctx.strokeStyle = style.color;
    ctx.globalAlpha = follow ? DIM_ALPHA : 0.75;
    ctx.lineWidth = style.filled ? 1.5 : 1.2;
    ctx.setLineDash(style.filled ? [] : [4, 3]);
    ctx.beginPath();
    for (const m of list) {
      const [x0, y0, x1, y1] = arrow(g, m, tUs);
      ctx.moveTo(x0, y0);
      ctx.lineTo(x1, y1);
      if (m.endUs > tUs || m.dropReason || m.id === selectedMsg) heads.push([m, x0, y0, x1, y1]);
    }
    ctx.stroke();
  }
  ctx.setLineDash([]);
  // The followed write's arrows on top: a yellow halo under a thick line, then their heads.
  for (const [m, x0, y0, x1, y1] of onPath) {
    const style = MARKS[m.kind];
    const isPath = follow!.emphasis(m) === 'path';
    ctx.globalAlpha = 1;
    if (isPath) {
      ctx.strokeStyle = HALO_COLOR;
      ctx.lineWidth = 8;
      ctx.beginPath();
      ctx.moveTo(x0, y0);
      ctx.lineTo(x1, y1);
      ctx.stroke();
    }
    ctx.strokeStyle = style.color;
    ctx.lineWidth = isPath ? 2.5 : 1.5;
    ctx.setLineDash(style.filled ? [] : [4, 3]);
    ctx.beginPath();
    ctx.moveTo(x0, y0);
    ctx.lineTo(x1, y1);
    ctx.stroke();
    ctx.setLineDash([]);
    heads.push([m, x0, y0, x1, y1]);
  }
  ctx.globalAlpha = 1;
  for (const [m, x0, y0, x1, y1] of heads) {
    const style = MARKS[m.kind];
    ctx.globalAlpha = follow && follow.emphasis(m) === 'dim' ? DIM_ALPHA : 1;
    if (m.id === selectedMsg) {
      ctx.strokeStyle = style.color;
      ctx.lineWidth = 3;
      ctx.beginPath();
      ctx.moveTo(x0, y0);
      ctx.lineTo(x1, y1);
      ctx.stroke();
    }
    const len = Math.hypot(x1 - x0, y1 - y0) || 1;
    if (m.dropReason && m.endUs <= tUs) drawCross(ctx, x1, y1, DROP_COLOR);
    else drawMark(ctx, style, x1, y1, (x1 - x0) / len, (y1 - y0) / len, m.endUs > tUs ? 0.85 : 0.65);
  }
  ctx.globalAlpha = 1;
  if (follow) {
    ctx.globalAlpha = DIM_ALPHA;
    drawVerdicts(ctx, g, reads.filter((r) => !follow.keyRead(r)));
    ctx.globalAlpha = 1;
    drawVerdicts(ctx, g, reads.filter(follow.keyRead));
  } else drawVerdicts(ctx, g, reads);
  ctx.restore();
  return counts;
}

/** Arrow end points: from the send, to the arrival or to where it is at the playhead. */
function arrow(g: SpaceTimeGeom, m: Msg, tUs: number): [number, number, number, number] {
  const y0 = g.lanes.y.get(m.from)!;
  const y1 = g.lanes.y.get(m.to)!;
  const tip = tipTime(m, tUs);
  const f = (tip - m.sendUs) / Math.max(1, m.deliverUs - m.sendUs);
  return [g.x(m.sendUs), y0, g.x(tip), y0 + (y1 - y0) * f];
}

/** Dropped messages end in a small grey cross (grey, so they are not read as stale reads). */
const DROP_COLOR = '#475569';

function drawCross(ctx: CanvasRenderingContext2D, x: number, y: number, color: string): void {
  ctx.strokeStyle = color;
  ctx.lineWidth = 1.5;
  ctx.beginPath();
  ctx.moveTo(x - 3, y - 3);
  ctx.lineTo(x + 3, y + 3);
  ctx.moveTo(x + 3, y - 3);
  ctx.lineTo(x - 3, y + 3);
  ctx.stroke();
}

/** ✓ (fresh) or ✗ (stale) above the serving node's lane where each read was served. */
function drawVerdicts(ctx: CanvasRenderingContext2D, g: SpaceTimeGeom, reads: ReadDone[]): void {
  for (const stale of [false, true]) {
    ctx.strokeStyle = stale ? STALE_COLOR : FRESH_COLOR;
    ctx.lineWidth = stale ? 2.2 : 1.6;
    ctx.beginPath();
    for (const r of reads) {
      if (r.stale !== stale) continue;
      const y = g.lanes.y.get(r.node);
      if (y === undefined) continue;
      const x = g.x(r.tUs);
      const c = y - 10;
      if (stale) {
        ctx.moveTo(x - 4, c - 4);
        ctx.lineTo(x + 4, c + 4);
        ctx.moveTo(x + 4, c - 4);
        ctx.lineTo(x - 4, c + 4);
      } else {
        ctx.moveTo(x - 3.5, c);
        ctx.lineTo(x - 1, c + 3);
        ctx.lineTo(x + 4, c - 4);
      }
    }
    ctx.stroke();
  }
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
