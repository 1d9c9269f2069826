/** Exit codes of the headless contract (DESIGN.md). Scripts and CI jobs depend on them. */
export const EXIT_OK = 0;
export const EXIT_EXPECTATION_FAILED = 1;
export const EXIT_BAD_INPUT = 2;
export const EXIT_INTERNAL_ERROR = 3;

export type ExitCode = typeof EXIT_OK | typeof EXIT_EXPECTATION_FAILED | typeof EXIT_BAD_INPUT | typeof EXIT_INTERNAL_ERROR;

/**
 * A problem with what the user gave us (flags, files). main() prints only the message —
 * never a stack — because the fix is in the user's input, not in our code.
 */
export class BadInputError extends Error {
  override readonly name = 'BadInputError';
}

/** The worse of two outcomes: bad input outranks a failed expectation outranks success. */
export function worstExit(a: ExitCode, b: ExitCode): ExitCode {
  return a > b ? a : b;
}
