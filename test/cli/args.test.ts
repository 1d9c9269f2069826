import { describe, expect, it } from 'vitest';
import { parseFileListArgs, parseRunArgs } from '../../src/cli/args.ts';
import { BadInputError } from '../../src/cli/exit-codes.ts';

describe('parseRunArgs', () => {
  it('defaults to the table format, the bundled file and the scenario’s seed and duration', () => {
    expect(parseRunArgs([])).toEqual({ help: false, file: undefined, seed: undefined, durationUs: undefined, format: 'table', tracePath: undefined, allowLarge: false, quiet: false });
  });

  it('reads every option, durations in the scenario file syntax', () => {
    const args = parseRunArgs(['x.yaml', '--seed', '42', '--duration', '1.5s', '--format', 'json', '--trace', 'out.ndjson', '--allow-large', '-q']);
    expect(args).toEqual({ help: false, file: 'x.yaml', seed: 42, durationUs: 1_500_000, format: 'json', tracePath: 'out.ndjson', allowLarge: true, quiet: true });
  });

  it('reads a bare duration as milliseconds, as scenario files do', () => {
    expect(parseRunArgs(['--duration', '250']).durationUs).toBe(250_000);
    expect(parseRunArgs(['--duration=2m']).durationUs).toBe(120_000_000);
  });

  it.each([
    [['--seed', 'abc']],
    [['--seed', '-1']],
    [['--seed', '1.5']],
    [['--format', 'xml']],
    [['--duration', '5parsecs']],
    [['--duration', '0']],
    [['--nope']],
    [['a.yaml', 'b.yaml']],
  ])('rejects %j as bad input', (argv) => {
    expect(() => parseRunArgs(argv)).toThrow(BadInputError);
  });
});

describe('parseFileListArgs', () => {
  it('needs at least one file unless asking for help', () => {
    expect(() => parseFileListArgs('check', [])).toThrow(BadInputError);
    expect(parseFileListArgs('check', ['-h']).help).toBe(true);
    expect(parseFileListArgs('validate', ['a.yaml', 'b.yaml']).files).toEqual(['a.yaml', 'b.yaml']);
  });
});
