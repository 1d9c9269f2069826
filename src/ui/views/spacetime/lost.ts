import type { Msg } from '../../state/index.ts';
import type { FailoverIndex } from '../../state/failover.ts';
import type { SpaceTimeGeom } from './draw.ts';

const LOST_COLOR = '#b91c1c';

/**
 * Lost writes in the space-time diagram: from the moment a write leaves history, the arrow that
 * acknowledged it ends in a red ✗ "lost" (so an ack the client believed turns visibly into a
 * loss), and the lane of each node that dropped entries gets a tick "⊠ N left history" at that moment.
 */
export function drawLost(ctx: CanvasRenderingContext2D, g: SpaceTimeGeom, msgs: Msg[], ix: FailoverIndex, tUs: number, fromUs: number): void {
  if (ix.lostAt.size === 0) return;
  ctx.save();
  ctx.beginPath();
  ctx.rect(g.left, 0, g.width - g.left, g.height);
  ctx.clip();
  ctx.strokeStyle = LOST_COLOR;
  ctx.fillStyle = LOST_COLOR;
  ctx.lineWidth = 2;
  ctx.font = '600 10px system-ui, sans-serif';
  let labelled = 0;
  let lastLabelX = -Infinity;
  for (const m of msgs) {
    if (m.kind !== 'write-ack' || m.op === undefined || m.sendUs > tUs) continue;
    const lost = ix.lostAt.get(m.op);
    if (lost === undefined || lost > tUs || !ix.ackAt.has(m.op)) continue;
    const y0 = g.lanes.y.get(m.from);
    const y1 = g.lanes.y.get(m.to);
    if (y0 === undefined || y1 === undefined) continue;
    const tip = Math.min(m.endUs, tUs);
    const f = (tip - m.sendUs) / Math.max(1, m.deliverUs - m.sendUs);
    const x = g.x(tip);
    const y = y0 + (y1 - y0) * f;
    ctx.beginPath();
    ctx.moveTo(g.x(m.sendUs), y0);
    ctx.lineTo(x, y);
    ctx.moveTo(x - 4, y - 4);
    ctx.lineTo(x + 4, y + 4);
    ctx.moveTo(x + 4, y - 4);
    ctx.lineTo(x - 4, y + 4);
    ctx.stroke();
    if (labelled < 40 && x - lastLabelX > 34) {
      ctx.fillText('lost', x + 5, y + (y1 >= y0 ? -3 : 10));
      lastLabelX = x;
      labelled++;
    }
  }
  // Where history was cut: a tick per node and moment, with the count.
  for (const [node, list] of ix.lostByNode) {
    const y = g.lanes.y.get(node);
    if (y === undefined) continue;
    let i = 0;
    while (i < list.length) {
      const at = list[i].tUs;
      let n = 0;
      while (i < list.length && list[i].tUs === at) {
        n++;
        i++;
      }
      if (at > tUs || at < fromUs || n < 2) continue;
      const x = g.x(at);
      ctx.fillRect(x - 1, y - 12, 2, 24);
      ctx.fillText(`⊠ ${n} left history`, x + 4, y - 5);
    }
  }
  ctx.restore();
}
