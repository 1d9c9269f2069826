import { parseSweepArgs } from '../args.ts';
import { EXIT_OK, type ExitCode } from '../exit-codes.ts';
import { SWEEP_HELP } from '../help.ts';
import type { Io } from '../io.ts';

/** What a sweep reports when `--metrics` is not given. */
export const DEFAULT_SWEEP_METRICS = ['reads.staleFraction', 'writes.lostAcknowledged', 'writes.latencyMs.p99'];

export async function sweepCommand(argv: string[], io: Io): Promise<ExitCode> {
  const args = parseSweepArgs(argv);
  if (args.help) {
    io.out(SWEEP_HELP);
    return EXIT_OK;
  }
  // Loaded only now, so help and flag errors answer without compiling the simulator.
  const run = await import('../sweep/run-sweep.ts');
  switch (args.mode.kind) {
    case 'local':
      return run.localSweep(args, args.mode, io, DEFAULT_SWEEP_METRICS);
    case 'run':
      return run.shardRun(args, args.mode, io);
    case 'merge':
      return run.mergeSweep(args, args.mode, io);
  }
}
