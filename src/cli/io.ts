/** Where a command writes. main() binds it to the process; tests can capture it. */
export interface Io {
  /** Report output (stdout). */
  out(text: string): void;
  /** Diagnostics (stderr). */
  err(text: string): void;
}

export const processIo: Io = {
  out: (text) => void process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
  err: (text) => void process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
};

/**
 * `repsim run --format json | head` closes stdout early. That is the reader's choice, not
 * an error: leave with the exit code already decided instead of printing a stack trace.
 */
export function exitQuietlyOnBrokenPipe(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error;
      process.exit();
    });
  }
}
