// A progress bar on stderr: runs done, runs per second, time left. Drawn only on a terminal
// (a log file or CI output gets nothing), at most ten times a second. Wall-clock time is fine
// here: it changes what is drawn, never a result.

export interface Progress {
  update(done: number): void;
  finish(): void;
}

const SILENT: Progress = { update() {}, finish() {} };
const BAR_WIDTH = 24;

export interface ProgressTarget {
  isTTY?: boolean;
  columns?: number;
  write(text: string): unknown;
}

export function progressBar(total: number, target: ProgressTarget, enabled: boolean): Progress {
  if (!enabled || !target.isTTY || total === 0) return SILENT;
  const started = performance.now();
  let lastDraw = -Infinity;
  let drawn = false;
  const draw = (done: number) => {
    const seconds = (performance.now() - started) / 1000;
    const rate = seconds > 0 ? done / seconds : 0;
    const filled = Math.round((done / total) * BAR_WIDTH);
    const left = rate > 0 && done < total ? `, ${formatSeconds((total - done) / rate)} left` : '';
    const line = `[${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}] ${done}/${total} runs, ${rate.toFixed(1)} runs/s${left}`;
    target.write(`\r${line.slice(0, (target.columns ?? 80) - 1)}\x1b[K`);
    drawn = true;
  };
  return {
    update(done) {
      const now = performance.now();
      if (done < total && now - lastDraw < 100) return;
      lastDraw = now;
      draw(done);
    },
    finish() {
      if (drawn) target.write('\n');
    },
  };
}

export function formatSeconds(s: number): string {
  if (s < 60) return `${Math.ceil(s)} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`;
  return `${Math.floor(s / 3600)} h ${Math.round((s % 3600) / 60)} min`;
}

/** Runs `run` with a bar on stderr (when it is a terminal and not --quiet). */
export async function withProgress<T>(total: number, quiet: boolean, run: (onProgress: (done: number) => void) => Promise<T>): Promise<T> {
  const bar = progressBar(total, process.stderr, !quiet);
  bar.update(0);
  try {
    return await run((done) => bar.update(done));
  } finally {
    bar.finish();
  }
}
