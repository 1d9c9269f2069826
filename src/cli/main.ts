import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ScenarioError } from '../scenario/index.ts';
import { checkCommand } from './commands/check.ts';
import { runCommand } from './commands/run.ts';
import { validateCommand } from './commands/validate.ts';
import { BadInputError, EXIT_BAD_INPUT, EXIT_INTERNAL_ERROR, EXIT_OK, type ExitCode } from './exit-codes.ts';
import { exitQuietlyOnBrokenPipe, processIo, type Io } from './io.ts';
import { PACKAGE_ROOT } from './paths.ts';

export const MAIN_HELP = `Usage: repsim <command> [options]

A deterministic simulator of primary/replica database replication.

Commands:
  run [FILE]        run a scenario (default: the photo-upload scenario) and print its report
  check FILE...     run scenarios and evaluate their \`expect\` lines
  validate FILE...  parse and validate scenarios without running them

Options:
  -h, --help        show help (also: repsim <command> --help)
  --version         print the version

Exit codes: 0 ok, 1 an expectation failed, 2 bad input, 3 internal error.
Set REPSIM_DEBUG=1 to see stack traces of internal errors.
`;

const COMMANDS: Record<string, (argv: string[], io: Io) => ExitCode> = {
  run: runCommand,
  check: checkCommand,
  validate: validateCommand,
};

/** Runs the CLI and returns the exit code; never throws and never calls process.exit. */
export async function main(argv: string[], io: Io = processIo): Promise<ExitCode> {
  if (io === processIo) exitQuietlyOnBrokenPipe();
  try {
    return dispatch(argv, io);
  } catch (error) {
    return reportError(error, io);
  }
}

function dispatch(argv: string[], io: Io): ExitCode {
  const [command, ...rest] = argv;
  if (command === '--help' || command === '-h' || command === 'help') {
    io.out(MAIN_HELP);
    return EXIT_OK;
  }
  if (command === '--version') {
    io.out(readVersion());
    return EXIT_OK;
  }
  if (command === undefined) {
    io.err(MAIN_HELP);
    return EXIT_BAD_INPUT;
  }
  const handler = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
  if (!handler) {
    const what = command.startsWith('-') ? 'option' : 'command';
    throw new BadInputError(`repsim: unknown ${what} '${command}'\nTry 'repsim --help'.`);
  }
  return handler(rest, io);
}

function reportError(error: unknown, io: Io): ExitCode {
  if (error instanceof BadInputError) {
    io.err(error.message);
    return EXIT_BAD_INPUT;
  }
  if (error instanceof ScenarioError) {
    io.err(error.message);
    return EXIT_BAD_INPUT;
  }
  // Our bug, not the user's: say so plainly; the stack is for whoever debugs it.
  const message = error instanceof Error ? error.message : String(error);
  io.err(`repsim: internal error: ${message}`);
  if (process.env.REPSIM_DEBUG === '1' && error instanceof Error && error.stack) io.err(error.stack);
  return EXIT_INTERNAL_ERROR;
}

function readVersion(): string {
  const pkg = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}
