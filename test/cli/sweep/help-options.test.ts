import { describe, expect, it } from 'vitest';
import { COMPARE_OPTIONS, parseCompareArgs, parseSweepArgs, SWEEP_OPTIONS } from '../../../src/cli/args.ts';
import { COMPARE_HELP, SWEEP_HELP } from '../../../src/cli/help.ts';

/** The `--flags` a help text mentions at the start of an option line. */
function documentedFlags(help: string): string[] {
  return [...help.matchAll(/^(?: {2})?(?:-\w, )?--([a-z-]+)/gm)].map((m) => m[1]).sort();
}

describe('compare and sweep help list exactly the options their parsers accept', () => {
  it.each([
    ['compare', COMPARE_HELP, COMPARE_OPTIONS],
    ['sweep', SWEEP_HELP, SWEEP_OPTIONS],
  ])('%s', (_, help, options) => {
    expect(documentedFlags(help)).toEqual(Object.keys(options).sort());
  });
});

describe('parseSweepArgs', () => {
  it('tells the three modes apart', () => {
    expect(parseSweepArgs(['f.yaml', '--vary', 'a.b=1,2', '--vary', 'c=x']).mode).toEqual({ kind: 'local', file: 'f.yaml', vary: ['a.b=1,2', 'c=x'], planPath: undefined });
    expect(parseSweepArgs(['--run', 'p.ndjson', '--shard', '2/3']).mode).toEqual({ kind: 'run', planPath: 'p.ndjson', shard: '2/3', outPath: undefined });
    expect(parseSweepArgs(['--merge', 'a.ndjson', 'b.ndjson']).mode).toEqual({ kind: 'merge', files: ['a.ndjson', 'b.ndjson'] });
  });

  it.each([
    [['--run', 'p.ndjson'], '--run needs --shard I/N'],
    [['--run', 'p.ndjson', '--shard', '1/2', '--vary', 'a=1'], '--vary cannot be used with --run'],
    [['--merge'], '--merge needs one or more results files'],
    [['f.yaml', '--vary', 'a=1', '--shard', '1/2'], '--shard cannot be used'],
    [['f.yaml', '--vary', 'a=1', '--seeds', '1.5'], '--seeds must be a whole number'],
    [['f.yaml', '--vary', 'a=1', '--metrics', 'a,,b'], '--metrics is a comma-separated list'],
  ])('refuses %j', (argv, message) => {
    expect(() => parseSweepArgs(argv)).toThrow(message);
  });

  it('reads compare’s shared options', () => {
    expect(parseCompareArgs(['a.yaml', 'b.yaml', '--seeds', '5', '--seed', '3', '--jobs', '2', '--duration', '2s', '--format', 'csv'])).toEqual({
      help: false,
      files: ['a.yaml', 'b.yaml'],
      format: 'csv',
      seeds: 5,
      seed: 3,
      durationUs: 2_000_000,
      jobs: 2,
      metrics: undefined,
      quiet: false,
      allowLarge: false,
    });
  });
});
