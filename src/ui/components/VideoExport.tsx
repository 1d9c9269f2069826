import { useEffect, useRef, useState } from 'react';
import type { Playhead } from '../hooks/playhead.ts';
import { formatSpeed, formatUs, isBareNumber, parseClock } from '../format.ts';
import { download } from '../export/files.ts';
import { defaultVideoSpeed, frameTimes, spaceTimeRange, VIDEO_FPS, videoFileName } from '../export/video-plan.ts';

interface Props {
  playhead: Playhead;
  endUs: number;
  /** The file name's start: scenario and seed. */
  base: string;
  /** Called with what happened ("Saved …", "Could not …"). */
  onNote: (note: string) => void;
}

const asText = (us: number) => `${Number((us / 1e6).toFixed(6))}s`;

/**
 * The export dialog's video part: a time range, a speed, Record, then progress and Cancel.
 * The recorder (src/ui/export/video.ts) is a chunk of its own, fetched on Record.
 */
export function VideoExport({ playhead, endUs, base, onNote }: Props) {
  const [from, setFrom] = useState('0s');
  const [to, setTo] = useState(asText(endUs));
  const [speed, setSpeed] = useState(() => String(defaultVideoSpeed(endUs, playhead.speed)));
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const abort = useRef<AbortController | null>(null);
  // Closing the dialog mid-recording cancels it (and puts the playhead back).
  useEffect(() => () => abort.current?.abort(), []);

  // The space-time diagram's window (what is on screen around the playhead), if it is shown.
  const [windowUs] = useState(() => Number(document.querySelector<HTMLElement>('[data-testid=spacetime]')?.dataset.windowUs ?? 0));
  const fromUs = parseClock(from);
  const toUs = parseClock(to);
  const speedX = Number(speed);
  const problem =
    fromUs === null ? `"${from}" is not a time: write e.g. 12.5s, 300ms or 40us.`
    : toUs === null ? `"${to}" is not a time: write e.g. 12.5s, 300ms or 40us.`
    : toUs > endUs ? `The run ends at ${asText(endUs)}.`
    : fromUs >= toUs ? 'The range ends before it starts.'
    : !(speedX > 0) ? 'The speed is simulated seconds per second of video: a number above 0.'
    : null;
  const frames = problem === null ? frameTimes(fromUs!, toUs!, speedX).length : 0;
  const units = [from, to].some(isBareNumber) ? ' (a number without a unit is milliseconds, as in scenario files)' : '';

  const record = async () => {
    if (problem !== null) return;
    const view = document.querySelector<HTMLElement>('[data-testid=cluster-view]');
    const controller = new AbortController();
    abort.current = controller;
    setProgress({ done: 0, total: frames });
    try {
      if (!view) throw new Error('the cluster view is not on screen');
      const { recordVideo, Cancelled } = await import('../export/video.ts');
      try {
        const blob = await recordVideo({
          view, playhead, fromUs: fromUs!, toUs: toUs!, speed: speedX, signal: controller.signal,
          onProgress: (done, total) => setProgress({ done, total }),
        });
        const name = videoFileName(base, fromUs!, toUs!);
        download(blob, name, 'video/webm');
        onNote(`Saved the video ${name}.`);
      } catch (err) {
        if (err instanceof Cancelled) onNote('Video cancelled; nothing was saved.');
        else throw err;
      }
    } catch (err) {
      onNote(`Could not export the video: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      abort.current = null;
      setProgress(null);
    }
  };

  return (
    <fieldset className="video-export" data-testid="video-export">
      <legend>Video (WebM), for slides</legend>
      <div className="video-range">
        <label>from <input value={from} onChange={(e) => setFrom(e.target.value)} disabled={!!progress} size={9} data-testid="video-from" /></label>
        <label>to <input value={to} onChange={(e) => setTo(e.target.value)} disabled={!!progress} size={9} data-testid="video-to" /></label>
        <label>speed <input type="number" min="0" step="any" value={speed} onChange={(e) => setSpeed(e.target.value)} disabled={!!progress} style={{ width: '6em' }} data-testid="video-speed" />×</label>
        <button type="button" onClick={() => { setFrom('0s'); setTo(asText(endUs)); }} disabled={!!progress}>Whole run</button>
        <button type="button" onClick={() => { setFrom(asText(playhead.tUs)); setTo(asText(endUs)); }} disabled={!!progress}>From the playhead</button>
        {windowUs > 0 && <button type="button" onClick={() => { const r = spaceTimeRange(playhead.tUs, windowUs, endUs); setFrom(asText(r.fromUs)); setTo(asText(r.toUs)); }} disabled={!!progress} data-testid="video-window">The space-time window</button>}
      </div>
      <p className="hint" aria-live="polite">
        {problem ?? `${frames} frames, ${(frames / VIDEO_FPS).toFixed(1)} s of video at ${VIDEO_FPS} frames/s: each frame moves the playhead ${formatUs((speedX * 1e6) / VIDEO_FPS)} of simulated time (${formatSpeed(speedX)})${units}. Recording takes at least as long as the video; the page plays the range meanwhile.`}
      </p>
      {progress ? (
        <div className="video-progress">
          <progress max={progress.total} value={progress.done} aria-label="Recording the video" data-testid="video-progress" />
          <span role="status">frame {progress.done} of {progress.total}</span>
          <button type="button" onClick={() => abort.current?.abort()} data-testid="video-cancel">Cancel</button>
        </div>
      ) : (
        <button type="button" onClick={() => void record()} disabled={problem !== null} data-testid="export-webm">Record video</button>
      )}
    </fieldset>
  );
}
