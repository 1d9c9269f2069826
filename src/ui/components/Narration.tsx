import { formatUs } from '../format.ts';
import type { Playhead } from '../hooks/playhead.ts';
import { usePlayheadTick } from '../hooks/usePlayhead.ts';

/** The scenario's caption for the current moment, under the cluster picture. */
export function Narration({ playhead }: { playhead: Playhead }) {
  usePlayheadTick(playhead, 200);
  const tl = playhead.timeline;
  const t = playhead.tUs;
  const caption = tl ? [...tl.narration].reverse().find((c) => c.tUs <= t) : undefined;
  if (!tl || tl.narration.length === 0) return null;
  // Always rendered (empty before the first caption) so the picture above does not jump.
  if (!caption) return <div className="narration empty" aria-hidden="true" />;
  return (
    <div className="narration" role="status" aria-live="polite" data-testid="narration">
      <span className="at">{formatUs(caption.tUs)}</span>
      <span>{caption.text}</span>
    </div>
  );
}
