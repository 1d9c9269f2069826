import { parseCompareArgs } from '../args.ts';
import { EXIT_OK, type ExitCode } from '../exit-codes.ts';
import { COMPARE_HELP } from '../help.ts';
import type { Io } from '../io.ts';

export async function compareCommand(argv: string[], io: Io): Promise<ExitCode> {
  const args = parseCompareArgs(argv);
  if (args.help) {
    io.out(COMPARE_HELP);
    return EXIT_OK;
  }
  // Loaded only now, so help and flag errors answer without compiling the simulator.
  const { runComparison } = await import('../compare/run-compare.ts');
  return runComparison(args, io);
}
