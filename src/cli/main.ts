import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkCommand } from './commands/check.ts';
import { compareCommand } from './commands/compare.ts';
import { runCommand } from './commands/run.ts';
import { sweepCommand } from './commands/sweep.ts';
import { validateCommand } from './commands/validate.ts';
import { MAIN_HELP } from './help.ts';
import { BadInputError, EXIT_BAD_INPUT, EXIT_INTERNAL_ERROR, EXIT_OK, type ExitCode } from './exit-codes.ts';
import { exitQuietlyOnBrokenPipe, processIo, type Io } from './io.ts';
import { PACKAGE_ROOT } from './paths.ts';

const COMMANDS: Record<string, (argv: string[], io: Io) => Promise<ExitCode>> = {
  run: runCommand,
  check: checkCommand,
  validate: validateCommand,
  compare: compareCommand,
  sweep: sweepCommand,
};

/** Runs the CLI and returns the exit code; never throws. (It exits early only if stdout's reader goes away.) */
export async function main(argv: string[], io: Io = processIo): Promise<ExitCode> {
  if (io === processIo) exitQuietlyOnBrokenPipe();
  try {
    return await dispatch(argv, io);
  } catch (error) {
    return reportError(error, io);
  }
}

async function dispatch(argv: string[], io: Io): Promise<ExitCode> {
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
  // readScenarioFile already turns ScenarioError into BadInputError; this catches one thrown
  // elsewhere, by name so that main need not load the scenario layer up front.
  if (error instanceof Error && error.name === 'ScenarioError') {
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
