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
