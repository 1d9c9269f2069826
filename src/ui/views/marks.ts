import type { MessageKind } from '../../model/trace.ts';

/**
 * How each message kind looks, everywhere it is drawn (cluster, space-time, legend).
 * Kinds differ by shape and fill as well as colour, so they stay apart without colour vision:
 * requests are filled, replies hollow; writes squares, log entries circles, reads triangles.
 */
export type Shape = 'square' | 'circle' | 'triangle' | 'diamond' | 'dot';

export interface MarkStyle {
  label: string;
  color: string;
  shape: Shape;
  filled: boolean;
  size: number;
}

export const MARKS: Record<MessageKind, MarkStyle> = {
  write: { label: 'write (client → primary)', color: '#2563eb', shape: 'square', filled: true, size: 6 },
  'write-ack': { label: 'write ack (primary → client)', color: '#2563eb', shape: 'square', filled: false, size: 6 },
  log: { label: 'log entry (primary → replica)', color: '#d97706', shape: 'circle', filled: true, size: 6 },
  'repl-ack': { label: 'replica ack (replica → primary)', color: '#0f766e', shape: 'diamond', filled: false, size: 6 },
  'standby-status': heartbeat('standby status (replica → primary: written, flushed, replayed)', false),
  read: { label: 'read (client → node)', color: '#7c3aed', shape: 'triangle', filled: true, size: 7 },
  'read-reply': { label: 'read reply (node → client)', color: '#7c3aed', shape: 'triangle', filled: false, size: 7 },
  subscribe: control('subscribe (replica → primary)'),
  keepalive: heartbeat('keepalive (replication connection: still here)'),
  reset: control('reset (replication connection gone)', false),
  diverged: control('diverged (primary → subscriber: roll back to the fork)', false),
  'not-primary': control('not primary (demoted node → replica)', false),
  replconf: heartbeat('replconf (replica → primary: I am here)'),
  ping: heartbeat('ping (failover manager → primary)'),
  pong: heartbeat('pong (primary → failover manager)', false),
  'status-request': heartbeat('status request (failover manager → replica)'),
  status: heartbeat('status (replica → failover manager)', false),
  probe: heartbeat('probe (replica → its primary)'),
  'probe-ok': heartbeat('probe ok (primary → replica)', false),
  promote: control('promote (failover manager → candidate)'),
  'promote-ack': control('promote ack (candidate → failover manager)', false),
  promoted: control('promoted (new primary → failover manager)', false),
  'stop-writes': control('stop writes (failover manager → primary: switchover)'),
  'writes-stopped': control('writes stopped (primary → failover manager)', false),
  'resume-writes': control('resume writes (failover manager → primary: switchover aborted)'),
  repoint: control('repoint (failover manager → node)'),
  hello: control('hello (node → failover manager: whom to follow?)', false),
  'primary-is': control('primary is (failover manager → client router)'),
};

/** Failover and fencing heartbeats: small grey dots (requests filled, answers hollow). */
function heartbeat(label: string, filled = true): MarkStyle {
  return { label, color: '#64748b', shape: 'dot', filled, size: 3 };
}

/** Control messages that change who follows whom: red diamonds. */
function control(label: string, filled = true): MarkStyle {
  return { label, color: '#be123c', shape: 'diamond', filled, size: 7 };
}

export const FRESH_COLOR = '#15803d';
export const STALE_COLOR = '#dc2626';

/** Draws one mark centred at (x, y), pointing along (dx, dy) where the shape has a direction. */
export function drawMark(ctx: CanvasRenderingContext2D, s: MarkStyle, x: number, y: number, dx: number, dy: number, scale = 1): void {
  const r = s.size * scale;
  ctx.beginPath();
  switch (s.shape) {
    case 'square':
      ctx.rect(x - r * 0.8, y - r * 0.8, r * 1.6, r * 1.6);
      break;
    case 'circle':
      ctx.arc(x, y, r * 0.85, 0, Math.PI * 2);
      break;
    case 'dot':
      ctx.arc(x, y, r, 0, Math.PI * 2);
      break;
    case 'diamond':
      ctx.moveTo(x, y - r);
      ctx.lineTo(x + r, y);
      ctx.lineTo(x, y + r);
      ctx.lineTo(x - r, y);
      ctx.closePath();
      break;
    case 'triangle': {
      const nx = -dy;
      const ny = dx;
      ctx.moveTo(x + dx * r, y + dy * r);
      ctx.lineTo(x - dx * r * 0.8 + nx * r * 0.8, y - dy * r * 0.8 + ny * r * 0.8);
      ctx.lineTo(x - dx * r * 0.8 - nx * r * 0.8, y - dy * r * 0.8 - ny * r * 0.8);
      ctx.closePath();
      break;
    }
  }
  if (s.filled) {
    ctx.fillStyle = s.color;
    ctx.fill();
    ctx.strokeStyle = '#fff';
    ctx.lineWidth = 1;
    ctx.stroke();
  } else {
    ctx.fillStyle = '#fff';
    ctx.fill();
    ctx.strokeStyle = s.color;
    ctx.lineWidth = 2;
    ctx.stroke();
  }
}

/** Sets up a canvas for crisp drawing on high-density screens; returns its 2D context. */
export function fitCanvas(canvas: HTMLCanvasElement, width: number, height: number): CanvasRenderingContext2D {
  const dpr = window.devicePixelRatio || 1;
  const w = Math.round(width * dpr);
  const h = Math.round(height * dpr);
  if (canvas.width !== w || canvas.height !== h) {
    canvas.width = w;
    canvas.height = h;
    canvas.style.width = `${width}px`;
    canvas.style.height = `${height}px`;
  }
  const ctx = canvas.getContext('2d')!;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  return ctx;
}
