import { parseFileListArgs } from '../args.ts';
import { BadInputError, EXIT_BAD_INPUT, EXIT_OK, type ExitCode } from '../exit-codes.ts';
import type { Io } from '../io.ts';
import { readScenarioFile } from '../read-scenario-file.ts';

export const VALIDATE_HELP = `Usage: repsim validate FILE...

Parses and validates each scenario without running it. Prints \`ok FILE\` for a
valid file, or its problems as file:line:column: path: message.

Options:
  -h, --help   show this help

Exit codes: 0 all valid, 2 at least one file is invalid.
`;

export function validateCommand(argv: string[], io: Io): ExitCode {
  const args = parseFileListArgs('validate', argv);
  if (args.help) {
    io.out(VALIDATE_HELP);
    return EXIT_OK;
  }
  let exit: ExitCode = EXIT_OK;
  for (const file of args.files) {
    try {
      readScenarioFile(file);
      io.out(`ok ${file}`);
    } catch (error) {
      if (!(error instanceof BadInputError)) throw error;
      io.err(error.message);
      exit = EXIT_BAD_INPUT;
    }
  }
  return exit;
}
