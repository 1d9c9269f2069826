import { parseArgs, type ParseArgsConfig } from 'node:util';
// units.ts directly, not the scenario index: parsing flags should not load zod and the schema.
import { tryDuration } from '../scenario/units.ts';
import type { Micros } from '../sim/time.ts';
import { BadInputError } from './exit-codes.ts';

export type ReportFormat = 'table' | 'json';
const FORMATS: readonly ReportFormat[] = ['table', 'json'];

export interface RunArgs {
  help: boolean;
  /** Undefined means the bundled default scenario. */
  file?: string;
  seed?: number;
  durationUs?: Micros;
  format: ReportFormat;
  tracePath?: string;
  allowLarge: boolean;
  quiet: boolean;
}

export interface FileListArgs {
  help: boolean;
  files: string[];
}

export interface CheckArgs extends FileListArgs {
  allowLarge: boolean;
  quiet: boolean;
}

/** Flags of every command that runs scenarios. */
const RUN_CONTROL_OPTIONS = { 'allow-large': { type: 'boolean' }, quiet: { type: 'boolean', short: 'q' } } as const;

const HELP_OPTION = { help: { type: 'boolean', short: 'h' } } as const;

export function parseRunArgs(argv: string[]): RunArgs {
  const { values, positionals } = parseStrict('run', argv, {
    ...HELP_OPTION,
    seed: { type: 'string' },
    duration: { type: 'string' },
    format: { type: 'string' },
    trace: { type: 'string' },
    ...RUN_CONTROL_OPTIONS,
  });
  const help = values.help === true;
  if (positionals.length > 1 && !help) {
    throw usage('run', `expected at most one FILE, got ${positionals.length}: ${positionals.join(' ')}`);
  }
  return {
    help,
    file: positionals[0],
    seed: values.seed === undefined ? undefined : parseSeed(String(values.seed)),
    durationUs: values.duration === undefined ? undefined : parseDurationFlag(String(values.duration)),
    format: values.format === undefined ? 'table' : parseFormat(String(values.format)),
    tracePath: values.trace === undefined ? undefined : nonEmpty('run', '--trace', String(values.trace)),
    allowLarge: values['allow-large'] === true,
    quiet: values.quiet === true,
  };
}

/** `check`: one or more scenario files, and the run-control flags. */
export function parseCheckArgs(argv: string[]): CheckArgs {
  const { values, positionals } = parseStrict('check', argv, { ...HELP_OPTION, ...RUN_CONTROL_OPTIONS });
  const help = values.help === true;
  if (positionals.length === 0 && !help) throw usage('check', 'expected at least one FILE');
  return { help, files: positionals, allowLarge: values['allow-large'] === true, quiet: values.quiet === true };
}

/** `validate`: one or more scenario files, no other options. */
export function parseFileListArgs(command: 'check' | 'validate', argv: string[]): FileListArgs {
  const { values, positionals } = parseStrict(command, argv, HELP_OPTION);
  const help = values.help === true;
  if (positionals.length === 0 && !help) throw usage(command, 'expected at least one FILE');
  return { help, files: positionals };
}

/** A seed on the command line is a non-negative integer, so it round-trips through JSON. */
export function parseSeed(text: string, command = 'run'): number {
  const seed = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(seed)) {
    throw usage(command, `--seed must be a non-negative integer, got '${text}'`);
  }
  return seed;
}

/** Same syntax as scenario files (the scenario layer's parser), including bare = ms. */
export function parseDurationFlag(text: string, command = 'run'): Micros {
  // On the command line everything is a string; a bare number here means ms, as in a file.
  const us = tryDuration(/^\d+(?:\.\d+)?$/.test(text) ? Number(text) : text);
  if (us === undefined || us <= 0) {
    throw usage(command, `--duration must be a positive duration like 500ms, 30s or 2m, got '${text}'`);
  }
  return us;
}

export function parseFormat(text: string): ReportFormat {
  const format = FORMATS.find((f) => f === text);
  if (!format) throw usage('run', `--format must be one of ${FORMATS.join(', ')}, got '${text}'`);
  return format;
}

/** `--seeds`, `--jobs`: a whole number from 1 up. */
export function parseCount(command: string, flag: string, text: string, max = 1_000_000): number {
  const n = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!(n >= 1 && n <= max)) throw usage(command, `${flag} must be a whole number from 1 to ${max.toLocaleString('en')}, got '${text}'`);
  return n;
}

export type CompareFormat = 'table' | 'json' | 'csv';
const COMPARE_FORMATS: readonly CompareFormat[] = ['table', 'json', 'csv'];

/** Options shared by compare and sweep: how many seeds, from which, how long, how many threads. */
export interface RepeatArgs {
  seeds: number;
  seed?: number;
  durationUs?: Micros;
  /** Undefined: one worker per core. */
  jobs?: number;
  metrics?: string[];
  quiet: boolean;
  /** Run points whose work estimate is over budget (see src/cli/budget.ts). */
  allowLarge: boolean;
}

export interface CompareArgs extends RepeatArgs {
  help: boolean;
  files: string[];
  format: CompareFormat;
}

const REPEAT_OPTIONS = {
  seeds: { type: 'string' },
  seed: { type: 'string' },
  duration: { type: 'string' },
  jobs: { type: 'string' },
  metrics: { type: 'string' },
  ...RUN_CONTROL_OPTIONS,
} as const;

/** Every option of `repsim compare` (exported so a test can hold the help text to it). */
export const COMPARE_OPTIONS = { ...HELP_OPTION, ...REPEAT_OPTIONS, format: { type: 'string' } } as const;

export function parseCompareArgs(argv: string[]): CompareArgs {
  const { values, positionals } = parseStrict('compare', argv, COMPARE_OPTIONS);
  const help = values.help === true;
  if (positionals.length !== 2 && !help) {
    throw usage('compare', `expected two scenario files A and B, got ${positionals.length}${positionals.length ? `: ${positionals.join(' ')}` : ''}`);
  }
  const format = values.format === undefined ? 'table' : COMPARE_FORMATS.find((f) => f === values.format);
  if (!format) throw usage('compare', `--format must be one of ${COMPARE_FORMATS.join(', ')}, got '${String(values.format)}'`);
  return { help, files: positionals, format, ...repeatArgs('compare', values) };
}

export type SweepMode =
  | { kind: 'local'; file: string; vary: string[]; planPath?: string }
  | { kind: 'run'; planPath: string; shard: string; outPath?: string }
  | { kind: 'merge'; files: string[] };

export interface SweepArgs extends RepeatArgs {
  help: boolean;
  mode: SweepMode;
  csvPath?: string;
  jsonPath?: string;
  svgPath?: string;
}

/** Every option of `repsim sweep` (exported so a test can hold the help text to it). */
export const SWEEP_OPTIONS = {
  ...HELP_OPTION,
  ...REPEAT_OPTIONS,
  vary: { type: 'string', multiple: true },
  csv: { type: 'string' },
  json: { type: 'string' },
  svg: { type: 'string' },
  plan: { type: 'string' },
  run: { type: 'string' },
  shard: { type: 'string' },
  out: { type: 'string' },
  merge: { type: 'boolean' },
} as const;

export function parseSweepArgs(argv: string[]): SweepArgs {
  const { values, positionals } = parseStrict('sweep', argv, SWEEP_OPTIONS);
  const help = values.help === true;
  const outputs = {
    csvPath: fileFlag('sweep', '--csv', values.csv),
    jsonPath: fileFlag('sweep', '--json', values.json),
    svgPath: fileFlag('sweep', '--svg', values.svg),
  };
  const base = { help, ...repeatArgs('sweep', values), ...outputs };
  const given = (names: string[]) => names.filter((n) => (values as Record<string, unknown>)[n] !== undefined).map((n) => `--${n}`);
  const refuse = (mode: string, names: string[], why: string) => {
    const extra = given(names);
    if (extra.length > 0 && !help) throw usage('sweep', `${extra.join(', ')} cannot be used with ${mode}: ${why}`);
  };
  if (values.run !== undefined) {
    refuse('--run', ['vary', 'seeds', 'seed', 'duration', 'metrics', 'plan', 'merge', 'csv', 'json', 'svg'], 'the plan fixes the runs; merge the results to get tables and plots');
    if (positionals.length > 0 && !help) throw usage('sweep', `--run takes no FILE (the plan holds the scenarios), got ${positionals.join(' ')}`);
    if (values.shard === undefined && !help) throw usage('sweep', '--run needs --shard I/N (use --shard 1/1 to run every job)');
    return { ...base, mode: { kind: 'run', planPath: fileFlag('sweep', '--run', values.run)!, shard: String(values.shard ?? '1/1'), outPath: fileFlag('sweep', '--out', values.out) } };
  }
  refuse('a local sweep or --merge', ['shard', 'out'], 'they belong to --run');
  if (values.merge === true) {
    refuse('--merge', ['vary', 'seeds', 'seed', 'duration', 'metrics', 'plan', 'jobs'], 'the results files already hold the runs');
    if (positionals.length === 0 && !help) throw usage('sweep', '--merge needs one or more results files (written by --run)');
    return { ...base, mode: { kind: 'merge', files: positionals } };
  }
  if (positionals.length !== 1 && !help) {
    throw usage('sweep', `expected one scenario FILE, got ${positionals.length}${positionals.length ? `: ${positionals.join(' ')}` : ''}`);
  }
  const vary = (values.vary ?? []).map(String);
  if (vary.length === 0 && !help) throw usage('sweep', 'needs at least one --vary PATH=SPEC, e.g. --vary replication.mode=async,semi-sync');
  if (values.plan !== undefined) refuse('--plan', ['csv', 'json', 'svg'], 'a plan only lists the jobs; merge the results to get tables and plots');
  return { ...base, mode: { kind: 'local', file: positionals[0] ?? '', vary, planPath: fileFlag('sweep', '--plan', values.plan) } };
}

function repeatArgs(command: string, values: Record<string, unknown>): RepeatArgs {
  const text = (name: string) => (values[name] === undefined ? undefined : String(values[name]));
  const metrics = text('metrics')?.split(',').map((m) => m.trim());
  if (metrics?.some((m) => m === '')) throw usage(command, `--metrics is a comma-separated list of report paths (e.g. reads.staleFraction,writes.lostAcknowledged), got '${text('metrics')}'`);
  return {
    seeds: text('seeds') === undefined ? 1 : parseCount(command, '--seeds', text('seeds')!),
    seed: text('seed') === undefined ? undefined : parseSeed(text('seed')!, command),
    durationUs: text('duration') === undefined ? undefined : parseDurationFlag(text('duration')!, command),
    jobs: text('jobs') === undefined ? undefined : parseCount(command, '--jobs', text('jobs')!, 1024),
    metrics,
    quiet: values.quiet === true,
    allowLarge: values['allow-large'] === true,
  };
}

function fileFlag(command: string, flag: string, value: unknown): string | undefined {
  return value === undefined ? undefined : nonEmpty(command, flag, String(value));
}

function nonEmpty(command: string, flag: string, text: string): string {
  if (text === '') throw usage(command, `${flag} needs a file name`);
  return text;
}

type Options = NonNullable<ParseArgsConfig['options']>;

// node:util throws a TypeError with an ERR_PARSE_ARGS_* code for unknown flags and missing
// values; that is the user's mistake, so it becomes a BadInputError (exit 2, no stack).
function parseStrict<T extends Options>(command: string, argv: string[], options: T) {
  try {
    return parseArgs({ args: attachNegativeValues(argv, options), options, strict: true, allowPositionals: true });
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      // Node's own wording goes on about '--' positionals; the flag name is what matters.
      const flag = /'([^']+)'/.exec((error as Error).message)?.[1];
      throw usage(command, flag ? `unknown option '${flag}'` : (error as Error).message);
    }
    if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS')) {
      throw usage(command, (error as Error).message);
    }
    throw error;
  }
}

/**
 * `--seed -1`: node:util would read `-1` as an option and call the flag "ambiguous". A
 * value-taking flag followed by something number-like takes it as its value, so the flag's
 * own check can say what it accepts.
 */
function attachNegativeValues(argv: string[], options: Options): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const name = argv[i].startsWith('--') ? argv[i].slice(2) : '';
    const next = argv[i + 1];
    if (name && options[name]?.type === 'string' && next !== undefined && /^-[\d.]/.test(next)) {
      out.push(`${argv[i]}=${next}`);
      i++;
    } else out.push(argv[i]);
  }
  return out;
}

function usage(command: string, message: string): BadInputError {
  return new BadInputError(`repsim ${command}: ${message}\nTry 'repsim ${command} --help'.`);
}
