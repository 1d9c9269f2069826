// `PATH=SPEC` (the CLI's `--vary`, the page's sweep panel): which scenario field to vary and
// the values it takes. Pure, so the command line and the page read a spec the same way.
import { tryDuration } from '../units.ts';

/**
 * A spec or path that cannot be used; `subject` is what was given (the spec, or the path),
 * `problem` why not. Each caller words it for its own user (the CLI adds `repsim sweep: --vary`).
 */
export class VaryError extends Error {
  constructor(
    readonly subject: string,
    readonly problem: string,
  ) {
    super(`${subject}: ${problem}`);
    this.name = 'VaryError';
  }
}

/** A value written into the scenario document, as a YAML scalar would be. */
export type VaryValue = string | number | boolean;

/**
 * How the values sit on a plot's x axis: as numbers (durations in ms, rates per second, plain
 * numbers), on a linear or log scale, or as evenly spaced categories.
 */
export type Axis = { kind: 'numeric'; unit: string; log: boolean } | { kind: 'category' };

export interface Vary {
  path: string;
  /** The SPEC as written, for headers and error messages. */
  spec: string;
  values: VaryValue[];
  axis: Axis;
}

export const ACCEPTED_FORMS = `Accepted forms of --vary PATH=SPEC:
  PATH=V1,V2,...       a list of values, e.g. replication.mode=async,semi-sync,sync
  PATH=FROM..TO:N      N evenly spaced values from FROM to TO, e.g. network.links.0.latency=1ms..100ms:10
  PATH=FROM..TO:N:log  N log-spaced values (FROM and TO above 0), e.g. nodes.1.applyTime=0.1ms..10ms:5:log
PATH is a path into the scenario document: field names and list indices joined by dots
(nodes.1.applyTime, workload.0.writes.rate). FROM and TO are numbers, durations (250us,
20ms, 1.5s, 2m) or rates (20/s, 600/m) with the same unit on both ends.`;

const RANGE = /^(.+)\.\.(.+?):(\d+)(?::(log|linear))?$/;
const NUMBER_WITH_UNIT = /^(\d+(?:\.\d+)?|\.\d+)\s*(us|µs|ms|s|m|h|\/s|\/m|\/h)?$/;
const DURATION_UNITS = new Set(['us', 'µs', 'ms', 's', 'm', 'h']);
const MAX_POINTS = 10_000;

export function parseVary(text: string): Vary {
  const eq = text.indexOf('=');
  const path = eq < 0 ? '' : text.slice(0, eq).trim();
  const spec = eq < 0 ? '' : text.slice(eq + 1).trim();
  if (eq < 0 || path === '' || spec === '') fail(text, 'expected PATH=SPEC');
  if (!/^[^.\s]+(\.[^.\s]+)*$/.test(path)) fail(text, `'${path}' is not a path: field names and list indices joined by single dots`);
  if (path === 'seed') fail(text, 'the seed is not varied with --vary; use --seeds N (and --seed S for the first)');
  const range = RANGE.exec(spec);
  if (range) return { path, spec, ...parseRange(text, range[1].trim(), range[2].trim(), Number(range[3]), range[4] === 'log') };
  if (spec.includes('..')) fail(text, `'${spec}' looks like a range but is not FROM..TO:N or FROM..TO:N:log`);
  const items = spec.split(',').map((s) => s.trim());
  if (items.some((s) => s === '')) fail(text, `'${spec}' has an empty value in its list`);
  const values = items.map(scalar);
  return { path, spec, values, axis: listAxis(values) };
}

function parseRange(text: string, fromText: string, toText: string, count: number, log: boolean): Pick<Vary, 'values' | 'axis'> {
  const from = NUMBER_WITH_UNIT.exec(fromText);
  const to = NUMBER_WITH_UNIT.exec(toText);
  if (!from || !to) fail(text, `range ends must be numbers, durations or rates; got '${from ? toText : fromText}'`);
  const unit = from[2] ?? '';
  if ((to[2] ?? '') !== unit) fail(text, `both ends of a range need the same unit; got '${fromText}' and '${toText}'`);
  if (count < 2 || count > MAX_POINTS) fail(text, `N must be between 2 and ${MAX_POINTS}, got ${count}`);
  const a = Number(from[1]);
  const b = Number(to[1]);
  if (log && (a <= 0 || b <= 0)) fail(text, 'a log range needs both ends above 0');
  const isDuration = DURATION_UNITS.has(unit);
  const values: VaryValue[] = [];
  for (let i = 0; i < count; i++) {
    // Ends exactly as written; between them, 12 significant digits hide float noise (0.30000000000000004).
    const x = i === 0 ? a : i === count - 1 ? b : log ? a * (b / a) ** (i / (count - 1)) : a + ((b - a) * i) / (count - 1);
    const rounded = isDuration ? roundToMicros(x, unit) : Number(x.toPrecision(12));
    values.push(unit === '' ? rounded : `${rounded}${unit}`);
  }
  return { values, axis: { kind: 'numeric', unit: axisUnit(unit), log } };
}

/** The engine's resolution is 1 µs, so duration points are whole microseconds in the range's unit. */
function roundToMicros(x: number, unit: string): number {
  const usPerUnit = tryDuration(`1${unit}`)!;
  return Math.round(x * usPerUnit) / usPerUnit;
}

function axisUnit(unit: string): string {
  if (DURATION_UNITS.has(unit)) return 'ms';
  if (unit.startsWith('/')) return '/s';
  return '';
}

/** List items read as YAML would: numbers and true/false typed, everything else a string. */
function scalar(item: string): VaryValue {
  if (/^-?(\d+(\.\d+)?|\.\d+)(e[+-]?\d+)?$/i.test(item)) return Number(item);
  if (item === 'true') return true;
  if (item === 'false') return false;
  return item;
}

/** A list of numbers, or of durations, or of rates, is numeric; anything else is categories. */
function listAxis(values: VaryValue[]): Axis {
  const units = values.map((v) => (typeof v === 'number' ? '' : typeof v === 'string' ? NUMBER_WITH_UNIT.exec(v)?.[2] : undefined));
  if (units.some((u) => u === undefined)) return { kind: 'category' };
  const kinds = new Set(units.map((u) => axisUnit(u!)));
  // Bare numbers mixed with durations are ambiguous (a bare duration is ms): plot them as categories.
  if (kinds.size !== 1 || units.some((u) => u === '') !== units.every((u) => u === '')) return { kind: 'category' };
  return { kind: 'numeric', unit: [...kinds][0], log: false };
}

/** Where a value sits on a numeric axis: durations in ms, rates per second, numbers as they are. */
export function axisPosition(value: VaryValue, axis: Axis): number {
  if (axis.kind !== 'numeric' || typeof value === 'boolean') return NaN;
  if (typeof value === 'number') return value;
  const m = NUMBER_WITH_UNIT.exec(value);
  if (!m) return NaN;
  const unit = m[2] ?? '';
  if (DURATION_UNITS.has(unit)) return tryDuration(value)! / 1000;
  const perUnit: Record<string, number> = { '/s': 1, '/m': 1 / 60, '/h': 1 / 3600 };
  return Number(m[1]) * (perUnit[unit] ?? 1);
}

function fail(text: string, problem: string): never {
  throw new VaryError(text, problem);
}
