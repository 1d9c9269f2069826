import type { Timeline } from '../../state/index.ts';
import { holdsInWindow, violationsInWindow } from '../../state/reads.ts';
import { VIOLATION } from '../cluster/violations.ts';
import type { SpaceTimeGeom } from './draw.ts';

/**
 * Read routing on the space-time diagram: a bar along a replica's lane while it holds a read
 * for a session token (‖, ending in ↩ where the wait timed out and the primary took the read),
 * and a tagged mark over each read that broke read-your-writes (⚠ RYW) or monotonic reads (↶).
 */
export function drawRouting(ctx: CanvasRenderingContext2D, g: SpaceTimeGeom, tl: Timeline, tUs: number, fromUs: number): void {
  ctx.save();
  ctx.beginPath();
  ctx.rect(g.left, 0, g.width - g.left, g.height);
  ctx.clip();
  ctx.font = 'bold 10px system-ui, sans-serif';
  ctx.lineJoin = 'round';
  const label = (text: string, x: number, y: number, color: string) => {
    ctx.strokeStyle = '#fff';
    ctx.lineWidth = 3;
    ctx.strokeText(text, x, y);
    ctx.fillStyle = color;
    ctx.fillText(text, x, y);
  };
  const tag = (text: string, x: number, y: number, color: string) => {
    const w = ctx.measureText(text).width + 6;
    ctx.fillStyle = color;
    ctx.fillRect(x - w / 2, y - 10, w, 13);
    ctx.fillStyle = '#fff';
    ctx.fillText(text, x, y);
  };
  const labelEnd = new Map<string, number>();
  for (const h of holdsInWindow(tl, fromUs, tUs)) {
    const y = g.lanes.y.get(h.node);
    if (y === undefined || h.fromUs > tUs) continue;
    const x0 = g.x(h.fromUs);
    const x1 = g.x(Math.min(h.untilUs, tUs));
    ctx.fillStyle = VIOLATION.hold.color;
    ctx.globalAlpha = 0.35;
    ctx.fillRect(x0, y + 3, Math.max(2, x1 - x0), 6);
    ctx.globalAlpha = 1;
    ctx.fillRect(x0, y + 1, 1.5, 10);
    if (h.fellBack && h.untilUs <= tUs) label('↩ timed out: primary', x1 + 2, y + 12, VIOLATION.hold.color);
    else if (x1 - x0 > 40 && x0 > (labelEnd.get(h.node) ?? -1)) {
      const text = `‖ held for LSN ${h.token}`;
      label(text, x0 + 3, y + 19, VIOLATION.hold.color);
      labelEnd.set(h.node, x0 + 8 + ctx.measureText(text).width);
    }
  }
  ctx.textAlign = 'center';
  for (const r of violationsInWindow(tl, tUs, tUs - fromUs)) {
    const y = g.lanes.y.get(r.node);
    if (y === undefined) continue;
    const x = g.x(r.tUs);
    // Over the read's ✗ verdict: the tag says more than "stale".
    if (r.rywViolation) tag('⚠ RYW', x, y - 7, VIOLATION.ryw.color);
    if (r.monotonicViolation) tag('↶ back', x, y - (r.rywViolation ? 21 : 7), VIOLATION.mono.color);
  }
  ctx.restore();
}
