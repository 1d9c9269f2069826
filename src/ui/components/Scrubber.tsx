import { memo, useEffect, useMemo, useRef } from 'react';
import { linear } from '../views/linear.ts';
import type { Playhead } from '../hooks/playhead.ts';
import type { Timeline } from '../state/index.ts';
import { formatClock, formatUs } from '../format.ts';
import { scrubMarks } from '../state/failover.ts';
import type { ScrubMark } from '../state/failover.ts';
import type { LessonView } from '../state/lesson.ts';

type LessonMarks = Pick<LessonView, 'markers' | 'captions'>;

/** A lesson's markers (◆) and caption ticks (▾), in the scrubber's mark shape. */
type Mark = Omit<ScrubMark, 'kind'> & { kind: ScrubMark['kind'] | 'caption' | 'lesson' };

function lessonMarks(l: LessonMarks): Mark[] {
  const caption = l.captions.map((c): Mark => ({ tUs: c.tUs, untilUs: c.tUs, kind: 'caption', glyph: '▾', title: `Caption: ${c.text}` }));
  const moments = l.markers.map((m): Mark => ({ tUs: m.tUs, untilUs: m.tUs, kind: 'lesson', glyph: '◆', title: m.label }));
  return [...caption, ...moments];
}

interface Props {
  playhead: Playhead;
  timeline: Timeline;
  /** An open lesson: its key moments replace the generic markers, and its captions are ticks. */
  lesson?: LessonMarks | null;
}

/**
 * The whole run as a range input (keyboard and screen readers get it for free) over a track
 * of markers: faults, failovers, lost writes and the first stale read. Click a marker to jump.
 */
export const Scrubber = memo(function Scrubber({ playhead, timeline, lesson }: Props) {
  const inputRef = useRef<HTMLInputElement>(null);
  const fillRef = useRef<HTMLDivElement>(null);
  const end = Math.max(1, timeline.endUs);
  const x = linear([0, end], [0, 100], true);
  // Each failover step has its own glyph; steps at one instant share a mark (the tooltip lists
  // them all) and a run of lost writes is one band.
  const markers = useMemo((): Mark[] => (lesson ? lessonMarks(lesson) : scrubMarks(timeline).slice(0, 200)), [timeline, lesson]);

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
            className={`marker ${m.kind}${m.untilUs > m.tUs ? ' band' : ''}`}
            data-glyph={m.glyph}
            style={{ left: `${x(m.tUs)}%`, ...(m.untilUs > m.tUs ? { width: `${Math.max(0.6, x(m.untilUs) - x(m.tUs))}%` } : {}) }}
            title={m.title}
            aria-label={`Jump to ${formatUs(m.tUs)}: ${m.title.split('\n').join('; ')}`}
            onClick={() => playhead.seek(m.tUs)}
          >
            {m.glyph}
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
