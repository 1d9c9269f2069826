// `--vary PATH=SPEC` for the command line: the shared parser (src/scenario/vary, also used by
// the page's sweep panel), its complaints worded as a bad-input exit with the accepted forms.
import { ACCEPTED_FORMS, parseVary as parseVarySpec, VaryError, type Vary } from '../../scenario/vary/spec.ts';
import { BadInputError } from '../exit-codes.ts';

export { ACCEPTED_FORMS, axisPosition } from '../../scenario/vary/spec.ts';
export type { Axis, Vary, VaryValue } from '../../scenario/vary/spec.ts';

export function parseVary(text: string): Vary {
  return asBadInput(() => parseVarySpec(text));
}

/** Runs `f`, turning a VaryError into the CLI's bad-input message (exit 2). */
export function asBadInput<T>(f: () => T): T {
  try {
    return f();
  } catch (error) {
    if (error instanceof VaryError) throw new BadInputError(`repsim sweep: --vary ${error.subject}: ${error.problem}\n${ACCEPTED_FORMS}`);
    throw error;
  }
}
