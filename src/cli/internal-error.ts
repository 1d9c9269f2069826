import { EXIT_INTERNAL_ERROR, type ExitCode } from './exit-codes.ts';
import type { Io } from './io.ts';

/**
 * An error while building or running a scenario that validated: our bug, not the user's.
 * Exit 3 naming the file; the stack only with REPSIM_DEBUG=1, for whoever debugs it.
 */
export function reportInternalError(error: unknown, file: string, io: Io): ExitCode {
  const message = error instanceof Error ? error.message : String(error);
  io.err(`repsim: ${file}: internal error: ${message}${process.env.REPSIM_DEBUG === '1' ? '' : ' (REPSIM_DEBUG=1 shows where)'}`);
  if (process.env.REPSIM_DEBUG === '1' && error instanceof Error && error.stack) io.err(error.stack);
  return EXIT_INTERNAL_ERROR;
}
