import type { Msg } from '../../state/index.ts';
import { drawMark, MARKS } from '../marks.ts';
import { DIM_ALPHA, HALO_COLOR } from '../follow-style.ts';
import type { Emphasis } from '../follow-style.ts';
import { linkKey, pointOn, tangentOn } from './layout.ts';
import type { ClusterLayout, LinkGeom } from './layout.ts';

/**
 * Draws messages in flight at tUs on a canvas: each sits at the fraction of its link it has
 * covered (send → delivery time). Requests ride one side of the link and replies the other
 * so that traffic in both directions stays readable.
 */
export function drawMessages(
  ctx: CanvasRenderingContext2D,
  layout: ClusterLayout,
  msgs: Msg[],
  tUs: number,
  selectedMsg: number | null,
  /** While a write is followed: each message's part in it (others are dimmed). */
  emphasis?: (m: Msg) => Emphasis,
): { highlighted: number; dimmed: number } {
  const counts = { highlighted: 0, dimmed: 0 };
  ctx.clearRect(0, 0, layout.width, layout.height);
  const byKey = linksByKey(layout);
  // LSN labels only while they can be read; a burst of entries would stack them into a smear.
  const showLabels = msgs.filter((m) => m.kind === 'log' || m.kind === 'repl-ack').length <= 8;
  ctx.font = '10px system-ui, sans-serif';
  for (const m of msgs) {
    const at = messagePoint(byKey, m, tUs);
    if (!at) continue;
    const { x, y, dx, dy } = at;
    const style = MARKS[m.kind];
    const e = emphasis?.(m);
    if (e === 'path') {
      ctx.fillStyle = HALO_COLOR;
      ctx.beginPath();
      ctx.arc(x, y, 13, 0, Math.PI * 2);
      ctx.fill();
    }
    if (e === 'dim') counts.dimmed++;
    else if (e) counts.highlighted++;
    ctx.globalAlpha = e === 'dim' ? DIM_ALPHA : 1;
    drawMark(ctx, style, x, y, dx, dy, m.id === selectedMsg ? 1.6 : e === 'path' ? 1.4 : 1);
    ctx.globalAlpha = 1;
    if (showLabels && m.lsn !== undefined && (m.kind === 'log' || m.kind === 'repl-ack')) {
      ctx.fillStyle = style.color;
      ctx.globalAlpha = emphasis?.(m) === 'dim' ? DIM_ALPHA : 1;
      ctx.fillText(String(m.lsn), x + 8, y - 6);
      ctx.globalAlpha = 1;
    }
  }
  return counts;
}

/**
 * Where message m is drawn at tUs, and its direction of travel: at the fraction of its link it
 * has covered, offset to the right of the direction of travel. Null when its link is not drawn.
 */
export function messagePoint(byKey: Map<string, LinkGeom>, m: Msg, tUs: number): { x: number; y: number; dx: number; dy: number } | null {
  const l = byKey.get(linkKey(m.from, m.to));
  if (!l) return null;
  const span = Math.max(1, m.deliverUs - m.sendUs);
  const raw = Math.max(0, Math.min(1, (tUs - m.sendUs) / span));
  const forward = l.a === m.from;
  const f = l.f0 + (forward ? raw : 1 - raw) * (l.f1 - l.f0);
  const p = pointOn(l, f);
  const tan = tangentOn(l, f);
  const dx = forward ? tan.x : -tan.x;
  const dy = forward ? tan.y : -tan.y;
  return { x: p.x - dy * 5, y: p.y + dx * 5, dx, dy };
}

export function linksByKey(layout: ClusterLayout): Map<string, LinkGeom> {
  return new Map<string, LinkGeom>(layout.links.map((l) => [linkKey(l.a, l.b), l]));
}

/** The in-flight message nearest to (x, y) within `radius` px, for clicks on the canvas. */
export function hitMessage(layout: ClusterLayout, msgs: Msg[], tUs: number, x: number, y: number, radius = 10): Msg | null {
  const byKey = new Map<string, LinkGeom>(layout.links.map((l) => [linkKey(l.a, l.b), l]));
  let best: Msg | null = null;
  let bestD = radius;
  for (const m of msgs) {
    const l = byKey.get(linkKey(m.from, m.to));
    if (!l) continue;
    const raw = Math.max(0, Math.min(1, (tUs - m.sendUs) / Math.max(1, m.deliverUs - m.sendUs)));
    const p = pointOn(l, l.f0 + (l.a === m.from ? raw : 1 - raw) * (l.f1 - l.f0));
    const d = Math.hypot(p.x - x, p.y - y);
    if (d < bestD) {
      bestD = d;
      best = m;
    }
  }
  return best;
}
