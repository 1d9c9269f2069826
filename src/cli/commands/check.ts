import { parseFileListArgs } from '../args.ts';
import { BadInputError, EXIT_BAD_INPUT, EXIT_EXPECTATION_FAILED, EXIT_OK, worstExit, type ExitCode } from '../exit-codes.ts';
import { expectations } from '../format-table.ts';
import type { Io } from '../io.ts';
import { readScenarioFile } from '../read-scenario-file.ts';
import { allExpectationsPass, runScenario } from '../run-scenario.ts';

export const CHECK_HELP = `Usage: repsim check FILE...

Runs each scenario with its own seed and duration and evaluates its \`expect\`
lines, printing ✓ or ✗ for each line of each file.

Options:
  -h, --help   show this help

Exit codes: 0 every expectation passed, 1 one failed, 2 a file is invalid
(the other files are still checked), 3 internal error.
`;

export function checkCommand(argv: string[], io: Io): ExitCode {
  const args = parseFileListArgs('check', argv);
  if (args.help) {
    io.out(CHECK_HELP);
    return EXIT_OK;
  }
  let exit: ExitCode = EXIT_OK;
  for (const file of args.files) exit = worstExit(exit, checkFile(file, io));
  return exit;
}

function checkFile(file: string, io: Io): ExitCode {
  try {
    const report = runScenario(readScenarioFile(file));
    const lines = expectations(report.expectations);
    io.out([file, ...(lines.length > 0 ? lines.slice(1) : ['  (no expect lines)'])].join('\n'));
    return allExpectationsPass(report) ? EXIT_OK : EXIT_EXPECTATION_FAILED;
  } catch (error) {
    // One bad file should not hide the results of the others.
    if (!(error instanceof BadInputError)) throw error;
    io.err(error.message);
    return EXIT_BAD_INPUT;
  }
}
