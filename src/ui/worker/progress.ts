/** How far a run has got, posted by the worker while it simulates. */
export interface RunProgress {
  type: 'progress';
  runId: number;
  simulatedUs: number;
  durationUs: number;
  events: number;
  /** Events per wall-clock second so far. */
  eventsPerSec: number;
  /** Wall-clock milliseconds since the simulation started. */
  elapsedMs: number;
}

/** Posting every slice of a short run would only flood the page; a few a second are enough. */
const MIN_GAP_MS = 150;

/** An `onProgress` for simulate() that posts at most a few messages a second. */
export function progressPoster(post: (p: RunProgress) => void, runId: number, durationUs: number, now: () => number) {
  const started = now();
  let last = -Infinity;
  return (simulatedUs: number, events: number) => {
    const t = now();
    if (t - last < MIN_GAP_MS && simulatedUs < durationUs) return;
    last = t;
    const elapsedMs = t - started;
    post({ type: 'progress', runId, simulatedUs, durationUs, events, eventsPerSec: elapsedMs > 0 ? (events * 1000) / elapsedMs : 0, elapsedMs });
  };
}

/** Wall-clock milliseconds left, extrapolated from the simulated time reached so far (null before it means anything). */
export function timeLeftMs(p: Pick<RunProgress, 'simulatedUs' | 'durationUs' | 'elapsedMs'>): number | null {
  if (p.simulatedUs <= 0 || p.elapsedMs < 500) return null;
  return (p.elapsedMs * (p.durationUs - p.simulatedUs)) / p.simulatedUs;
}
