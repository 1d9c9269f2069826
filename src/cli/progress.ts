import type { Micros } from '../sim/time.ts';

/** Progress shows only once a run has taken this long, so short runs print nothing extra. */
const SHOW_AFTER_MS = 2000;

/**
 * A one-line progress report on stderr for long runs: simulated time reached, events per
 * second and the time left. Only when stderr is a terminal and not `--quiet`; the line is
 * rewritten in place and cleared at the end, so the report on stdout stays clean.
 */
export function progressReporter(durationUs: Micros, quiet: boolean): { onProgress?: (simulatedUs: number, events: number) => void; done: () => void } {
  const stream = process.stderr;
  if (quiet || !stream.isTTY) return { done: () => {} };
  const startMs = Date.now();
  let shown = false;
  return {
    onProgress(simulatedUs, events) {
      const elapsedMs = Date.now() - startMs;
      if (elapsedMs < SHOW_AFTER_MS) return;
      shown = true;
      const fraction = simulatedUs / durationUs;
      const leftS = fraction > 0 ? ((elapsedMs / fraction) * (1 - fraction)) / 1000 : 0;
      const rate = events / (elapsedMs / 1000);
      stream.write(`\r\x1b[Ksimulated ${(simulatedUs / 1e6).toFixed(1)} s of ${(durationUs / 1e6).toFixed(1)} s (${Math.floor(fraction * 100)}%), ${(rate / 1e6).toFixed(2)} M events/s, about ${Math.ceil(leftS)} s left`);
    },
    done() {
      if (shown) stream.write('\r\x1b[K');
    },
  };
}
