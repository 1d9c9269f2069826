import { parseRunArgs } from '../args.ts';
import { EXIT_EXPECTATION_FAILED, EXIT_OK, type ExitCode } from '../exit-codes.ts';
import { formatTable } from '../format-table.ts';
import type { Io } from '../io.ts';
import { DEFAULT_SCENARIO_PATH } from '../paths.ts';
import { readScenarioFile } from '../read-scenario-file.ts';
import { allExpectationsPass, runScenario } from '../run-scenario.ts';

export const RUN_HELP = `Usage: repsim run [FILE] [options]

Runs one scenario and prints its report. Without FILE, runs the bundled
photo-upload scenario (scenarios/photo-upload.yaml).

Options:
  --seed N             override the scenario's seed (a non-negative integer)
  --duration D         override the simulated duration (250us, 20ms, 1.5s, 2m; bare = ms)
  --format table|json  human-readable table (default) or one JSON report object
  --trace OUT.ndjson   write every trace record as one JSON line, the meta record first
  -h, --help           show this help

Exit codes: 0 ok, 1 an expect line failed, 2 bad input, 3 internal error.
`;

export function runCommand(argv: string[], io: Io): ExitCode {
  const args = parseRunArgs(argv);
  if (args.help) {
    io.out(RUN_HELP);
    return EXIT_OK;
  }
  const scenario = readScenarioFile(args.file ?? DEFAULT_SCENARIO_PATH);
  const report = runScenario(scenario, { seed: args.seed, durationUs: args.durationUs, tracePath: args.tracePath });
  io.out(args.format === 'json' ? JSON.stringify(report, null, 2) : formatTable(report));
  return allExpectationsPass(report) ? EXIT_OK : EXIT_EXPECTATION_FAILED;
}
