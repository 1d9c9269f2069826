import { memo, useEffect, useRef } from 'react';
import { linear } from '../views/linear.ts';
import type { Playhead } from '../hooks/playhead.ts';
import type { Marker, Timeline } from '../state/index.ts';
import { formatClock, formatUs } from '../format.ts';

interface Props {
  playhead: Playhead;
  timeline: Timeline;
}

const MARKER_GLYPH: Record<Marker['kind'], string> = { fault: '⚡', failover: '⇄', stale: '✗', lost: '!' };

/**
 * The whole run as a range input (keyboard and screen readers get it for free) over a track
 * of markers: faults, failovers, lost writes and the first stale read. Click a marker to jump.
 */
export const Scrubber = memo(function Scrubber({ playhead, timeline }: Props) {
  const inputRef = useRef<HTMLInputElement>(null);
  const fillRef = useRef<HTMLDivElement>(null);
  const end = Math.max(1, timeline.endUs);
  const x = linear([0, end], [0, 100], true);
  // Several markers at one instant (a failover's steps) read as one.
  const markers = timeline.markers.filter((m, i, a) => i === 0 || a[i - 1].tUs !== m.tUs || a[i - 1].kind !== m.kind).slice(0, 200);

  useEffect(() => {
    const sync = () => {
      const input = inputRef.current;
      if (!input) return;
      input.value = String(playhead.tUs);
      input.setAttribute('aria-valuetext', formatClock(playhead.tUs));
      if (fillRef.current) fillRef.current.style.width = `${(playhead.tUs / end) * 100}%`;
    };
    sync();
    return playhead.subscribe(sync);
  }, [playhead, end]);

  return (
    <div className="scrubber">
      <div className="track" aria-hidden="true">
        <div className="fill" ref={fillRef} />
      </div>
      <input
        ref={inputRef}
        type="range"
        min={0}
        max={end}
        step={1}
        defaultValue={0}
        aria-label="Playhead: simulated time"
        onInput={(e) => playhead.seek(Number((e.target as HTMLInputElement).value))}
      />
      <div className="markers">
        {markers.map((m, i) => (
          <button
            key={i}
            type="button"
            className={`marker ${m.kind}`}
            style={{ left: `${x(m.tUs)}%` }}
            title={`${formatUs(m.tUs)}: ${m.label}`}
            aria-label={`Jump to ${formatUs(m.tUs)}: ${m.label}`}
            onClick={() => playhead.seek(m.tUs)}
          >
            {MARKER_GLYPH[m.kind]}
          </button>
        ))}
      </div>
      <div className="ticks" aria-hidden="true">
        {x.ticks(8).map((t) => (
          <span key={t} style={{ left: `${x(t)}%` }}>{formatUs(t)}</span>
        ))}
      </div>
    </div>
  );
});
