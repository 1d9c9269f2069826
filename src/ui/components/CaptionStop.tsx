import { useEffect, useRef } from 'react';
import { formatUs } from '../format.ts';
import type { Pending } from '../hooks/useLesson.ts';

/** A caption the lesson stopped at: read it, then Continue (Enter / Space). */
export function CaptionStop({ pending, onContinue }: { pending: Pending; onContinue: () => void }) {
  const ref = useRef<HTMLButtonElement>(null);
  useEffect(() => ref.current?.focus({ preventScroll: true }), [pending]);
  if (pending.stop.kind !== 'caption') return null;
  return (
    <div className="caption-stop" role="status" aria-live="polite" data-testid="caption-stop">
      <span className="at">{formatUs(pending.stop.tUs)}</span>
      <p>{pending.stop.text}</p>
      <button type="button" ref={ref} onClick={onContinue} data-testid="continue">Continue ▶ <kbd>Enter</kbd></button>
    </div>
  );
}
