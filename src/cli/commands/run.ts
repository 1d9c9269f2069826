import { parseRunArgs } from '../args.ts';
import { BadInputError, EXIT_EXPECTATION_FAILED, EXIT_OK, type ExitCode } from '../exit-codes.ts';
import { reportInternalError } from '../internal-error.ts';
import { RUN_HELP } from '../help.ts';
import type { Io } from '../io.ts';
import { DEFAULT_SCENARIO_PATH } from '../paths.ts';

export async function runCommand(argv: string[], io: Io): Promise<ExitCode> {
  const args = parseRunArgs(argv);
  if (args.help) {
    io.out(RUN_HELP);
    return EXIT_OK;
  }
  // Loaded only now, so help and flag errors answer without compiling the simulator.
  const { readScenarioFile } = await import('../read-scenario-file.ts');
  const { allExpectationsPass, runScenario } = await import('../run-scenario.ts');
  const { formatTable } = await import('../format-table.ts');
  const file = args.file ?? DEFAULT_SCENARIO_PATH;
  const scenario = readScenarioFile(file);
  let report;
  try {
    report = runScenario(scenario, file, { seed: args.seed, durationUs: args.durationUs, tracePath: args.tracePath, allowLarge: args.allowLarge, quiet: args.quiet });
  } catch (error) {
    if (error instanceof BadInputError) throw error;
    return reportInternalError(error, file, io);
  }
  io.out(args.format === 'json' ? JSON.stringify(report, null, 2) : formatTable(report));
  return allExpectationsPass(report) ? EXIT_OK : EXIT_EXPECTATION_FAILED;
}
