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
export function parseSeed(text: string): number {
  const seed = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(seed)) {
    throw usage('run', `--seed must be a non-negative integer, got '${text}'`);
  }
  return seed;
}

/** Same syntax as scenario files (the scenario layer's parser), including bare = ms. */
export function parseDurationFlag(text: string): Micros {
  // On the command line everything is a string; a bare number here means ms, as in a file.
  const us = tryDuration(/^\d+(?:\.\d+)?$/.test(text) ? Number(text) : text);
  if (us === undefined || us <= 0) {
    throw usage('run', `--duration must be a positive duration like 500ms, 30s or 2m, got '${text}'`);
  }
  return us;
}

export function parseFormat(text: string): ReportFormat {
  const format = FORMATS.find((f) => f === text);
  if (!format) throw usage('run', `--format must be one of ${FORMATS.join(', ')}, got '${text}'`);
  return format;
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
