import { parseFileListArgs } from '../args.ts';
import { BadInputError, EXIT_BAD_INPUT, EXIT_OK, type ExitCode } from '../exit-codes.ts';
import { VALIDATE_HELP } from '../help.ts';
import type { Io } from '../io.ts';

export async function validateCommand(argv: string[], io: Io): Promise<ExitCode> {
  const args = parseFileListArgs('validate', argv);
  if (args.help) {
    io.out(VALIDATE_HELP);
    return EXIT_OK;
  }
  const { readScenarioOrCourse } = await import('../read-course-file.ts');
  let exit: ExitCode = EXIT_OK;
  for (const file of args.files) {
    try {
      const read = readScenarioOrCourse(file);
      io.out(read.kind === 'course' ? `ok ${file} (course: ${read.lessons} lessons)` : `ok ${file}`);
    } catch (error) {
      // Keep going: the user wants to hear about every invalid file at once.
      if (!(error instanceof BadInputError)) throw error;
      io.err(error.message);
      exit = EXIT_BAD_INPUT;
    }
  }
  return exit;
}
