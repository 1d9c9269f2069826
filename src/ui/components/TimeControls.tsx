import { useState } from 'react';
import type { Playhead } from '../hooks/playhead.ts';
import { sliderToSpeed, speedToSlider } from '../hooks/playhead.ts';
import { usePlayheadTick } from '../hooks/usePlayhead.ts';
import { nextEventUs, prevEventUs } from '../state/index.ts';
import type { Timeline } from '../state/index.ts';
import { formatClock, formatSpeed, formatUs, isBareNumber, parseClock } from '../format.ts';
import { Scrubber } from './Scrubber.tsx';
import type { LessonView } from '../state/lesson.ts';

interface Props {
  playhead: Playhead;
  timeline: Timeline;
  lesson?: LessonView | null;
}

export function stepForward(ph: Playhead, tl: Timeline): void {
  ph.pause();
  ph.seek(nextEventUs(tl, ph.tUs));
}

export function stepBack(ph: Playhead, tl: Timeline): void {
  ph.pause();
  ph.seek(prevEventUs(tl, ph.tUs));
}

/** Play / pause, event stepping, speed (log scale), jump-to, and the scrubber. */
export function TimeControls({ playhead, timeline, lesson }: Props) {
  usePlayheadTick(playhead, 100);
  const [jump, setJump] = useState('');
  const [jumpError, setJumpError] = useState(false);
  const [jumpNote, setJumpNote] = useState('');
  // Times are read as scenario files read durations: a bare number is milliseconds.
  const onJump = (e: React.FormEvent) => {
    e.preventDefault();
    const us = parseClock(jump);
    setJumpError(us === null);
    if (us === null) return setJumpNote(`"${jump}" is not a time: write e.g. 12.5s, 300ms or 40us.`);
    playhead.seek(us);
    if (us > timeline.endUs) setJumpNote(`${formatUs(us)} is past the end of this ${formatUs(timeline.endUs)} run: went to the end.`);
    else if (isBareNumber(jump)) setJumpNote(`Read as ${formatUs(us)}: a number without a unit is milliseconds, as in scenario files.`);
    else setJumpNote('');
  };
  return (
    <div className="time-controls" role="toolbar" aria-label="Time controls">
      <div className="buttons">
        <button type="button" onClick={() => stepBack(playhead, timeline)} aria-label="Step to previous event (←)" title="Previous event (←)"><StepIcon back /></button>
        <button type="button" className="play" onClick={() => playhead.toggle()} aria-label={playhead.playing ? 'Pause (space)' : 'Play (space)'} title="Play / pause (space)" data-testid="play">
          {playhead.playing ? <PauseIcon /> : <PlayIcon />}
        </button>
        <button type="button" onClick={() => stepForward(playhead, timeline)} aria-label="Step to next event (→)" title="Next event (→)"><StepIcon /></button>
      </div>
      <output className="clock" data-testid="clock" aria-live="off" aria-label="Simulated time">{formatClock(playhead.tUs)}</output>
      <label className="speed">
        <span>speed</span>
        <input
          type="range"
          min={0}
          max={1000}
          step={1}
          value={Math.round(speedToSlider(playhead.speed) * 1000)}
          onChange={(e) => playhead.setSpeed(sliderToSpeed(Number(e.target.value) / 1000))}
          aria-label="Playback speed: simulated time per wall-clock second (− / +)"
          aria-valuetext={formatSpeed(playhead.speed)}
        />
        <span className="speed-value" data-testid="speed">{formatSpeed(playhead.speed)}</span>
      </label>
      <form className="jump" onSubmit={onJump}>
        <input
          type="text"
          value={jump}
          placeholder="jump to (12.5s)"
          aria-label="Jump to time (e.g. 12.5s, 300ms)"
          aria-invalid={jumpError}
          aria-describedby="jump-note"
          onChange={(e) => { setJump(e.target.value); setJumpNote(''); }}
        />
        <output id="jump-note" className="jump-note" role="status" data-testid="jump-note">{jumpNote}</output>
      </form>
      <Scrubber playhead={playhead} timeline={timeline} lesson={lesson} />
    </div>
  );
}

function StepIcon({ back }: { back?: boolean }) {
  return (
    <svg width="14" height="14" viewBox="0 0 14 14" aria-hidden="true" style={back ? { transform: 'scaleX(-1)' } : undefined}>
      <path d="M2 2l7 5-7 5z" fill="currentColor" />
      <rect x="10" y="2" width="2.2" height="10" fill="currentColor" />
    </svg>
  );
}

function PlayIcon() {
  return <svg width="14" height="14" viewBox="0 0 14 14" aria-hidden="true"><path d="M3 1.5l9 5.5-9 5.5z" fill="currentColor" /></svg>;
}

function PauseIcon() {
  return (
    <svg width="14" height="14" viewBox="0 0 14 14" aria-hidden="true">
      <rect x="2.5" y="2" width="3.2" height="10" fill="currentColor" />
      <rect x="8.3" y="2" width="3.2" height="10" fill="currentColor" />
    </svg>
  );
}
