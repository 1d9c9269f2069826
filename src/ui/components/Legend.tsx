import { useEffect, useRef } from 'react';
import type { MessageKind } from '../../model/trace.ts';
import { drawMark, fitCanvas, MARKS } from '../views/marks.ts';

/** A message mark exactly as the views draw it. */
export function MarkIcon({ kind }: { kind: MessageKind }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const ctx = fitCanvas(ref.current!, 18, 18);
    drawMark(ctx, MARKS[kind], 9, 9, 1, 0);
  }, [kind]);
  return <canvas ref={ref} className="mark-icon" aria-hidden="true" />;
}

const SHOWN: MessageKind[] = ['write', 'write-ack', 'log', 'repl-ack', 'read', 'read-reply'];

/** The compact key under the cluster picture. */
export function Legend() {
  return (
    <ul className="legend" aria-label="Message kinds">
      {SHOWN.map((k) => (
        <li key={k}><MarkIcon kind={k} />{k}</li>
      ))}
      <li><span className="verdict fresh">✓</span>fresh</li>
      <li><span className="verdict stale">✗</span>stale</li>
    </ul>
  );
}
