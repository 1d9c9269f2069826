// Writing an output file the user named; failing to is their problem to fix (exit 2).
import { writeFileSync } from 'node:fs';
import { BadInputError } from '../exit-codes.ts';

export function writeOutput(command: string, path: string, text: string): void {
  try {
    writeFileSync(path, text);
  } catch (error) {
    const code = (error as { code?: string }).code;
    const reason = code === 'ENOENT' ? 'its directory does not exist' : code === 'EACCES' ? 'permission denied' : (error as Error).message;
    throw new BadInputError(`repsim ${command}: cannot write ${path}: ${reason}`);
  }
}
