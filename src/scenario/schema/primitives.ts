import { z } from 'zod/mini';
import { DURATION_PATTERN, RATE_PATTERN, parseRate, writtenDurationUs } from '../units.ts';
import { didYouMean } from '../did-you-mean.ts';

/*
 * The schema uses zod's functional API (zod/mini) rather than the classic chained one: only
 * what is called ends up in the worker's bundle (no string formats, locales or JSON-Schema
 * generator). Without a locale zod's own messages are all 'Invalid input'; zod-issues.ts
 * writes the messages people see.
 */

/**
 * `schema` described by `data`, as classic zod's `.meta(data)`: a copy registered in the
 * global registry, so the same schema can be described differently where it is used (the
 * copy inherits the original's metadata except its id).
 */
export function withMeta<T extends z.ZodMiniType>(schema: T, data: z.core.GlobalMeta): T {
  const copy = schema.clone();
  z.globalRegistry.add(copy, data);
  return copy;
}

/** Message for a key the schema does not know, with a suggestion from the known ones. */
export function unknownKeyMessage(key: string, known: readonly string[]): string {
  return `unknown field \`${key}\`${didYouMean(key, known)}`;
}

/**
 * A closed object: unknown keys are errors with a did-you-mean. The error function returns
 * one message per unknown key, newline-separated in the order of `keys`; zod-issues.ts
 * splits them into one issue per key.
 */
export function strict<T extends z.core.$ZodLooseShape>(shape: T) {
  const known = Object.keys(shape);
  return z.strictObject(shape, {
    error: (iss) => {
      if (iss.code !== 'unrecognized_keys') return undefined;
      return (iss as unknown as { keys: string[] }).keys.map((k) => unknownKeyMessage(k, known)).join('\n');
    },
  });
}

const DURATION_HELP = 'a duration: a number of milliseconds or a string such as 250us, 20ms, 1.5s, 2m';

/** The longest duration anything may have: a century of simulated time (µs). */
export const MAX_DURATION_US = 100 * 365.25 * 24 * 3600 * 1e6;

/** The shortest period of anything that repeats (heartbeats, retries, samples): 1 ms (µs). */
export const MIN_PERIOD_US = 1_000;

function writtenDuration() {
  return z
    .union(
      [
        z.number().check(z.nonnegative({ error: 'a duration must not be negative' })),
        z.string().check(z.regex(new RegExp(DURATION_PATTERN), { error: `expected ${DURATION_HELP}` })),
      ],
      { error: `expected ${DURATION_HELP}` },
    )
        // A value that is no duration at all is reported by the union; these checks skip it.
    .check(z.refine((v) => !((writtenDurationUs(v) ?? 0) > MAX_DURATION_US), { error: 'a duration must be at most 100 years' }));
}

/** A duration as written: a non-negative number of milliseconds, or a string with a unit. */
export const durationSchema = withMeta(writtenDuration(), {
  id: 'duration',
  title: 'Duration',
  description: `A duration: ${DURATION_HELP.slice('a duration: '.length)}.`,
});

/**
 * The period of something the engine repeats (a heartbeat, a reconnect retry, a sample): at
 * least 1 ms, since 0 would repeat forever at one instant and 1 µs would flood memory.
 */
export const periodSchema = withMeta(
  writtenDuration().check(z.refine((v) => !((writtenDurationUs(v) ?? MIN_PERIOD_US) < MIN_PERIOD_US), { error: 'a period must be at least 1ms (0 would repeat forever at one instant)' })),
  { id: 'period', title: 'Period', description: 'A duration of at least 1ms, written as a duration is.' },
);

/**
 * A timeout that 0 turns off (as PostgreSQL's wal_sender_timeout = 0 does); otherwise at least
 * 1 ms, since its timer repeats at half of it.
 */
export const timeoutOrOffSchema = withMeta(
  writtenDuration().check(
    z.refine((v) => {
      const us = writtenDurationUs(v);
      return us === undefined || us === 0 || us >= MIN_PERIOD_US;
    }, { error: 'a timeout is 0 (off) or at least 1ms' }),
  ),
  { id: 'timeoutOrOff', title: 'Timeout or 0', description: 'A duration of at least 1ms, or 0 to turn the timeout off.' },
);

/** A rate as written: a non-negative number per second, or `N/s`, `N/m`, `N/h`. */
export const rateValueSchema = withMeta(
  z.union(
    [
      z.number().check(z.nonnegative({ error: 'a rate must not be negative' })),
      z.string().check(z.regex(new RegExp(RATE_PATTERN), { error: 'expected a rate such as 20/s or 1200/m' })),
    ],
    { error: 'expected a rate: a number per second or a string such as 20/s or 1200/m' },
  ).check(z.refine(rateInRange, { error: 'a rate is 0, or between 1/h and 10,000,000/s' })),
  { id: 'rate', title: 'Rate', description: 'Operations per unit of time: 20/s, 1200/m, or a number per second.' },
);

export const NODE_ID_PATTERN = '^[A-Za-z0-9_.-]+$';

/** A node id: letters, digits, `_`, `.`, `-`. */
export const nodeIdSchema = withMeta(
  z.string().check(z.regex(new RegExp(NODE_ID_PATTERN), { error: 'a node id is a non-empty word of letters, digits, `_`, `.` or `-`' })),
  { id: 'nodeId', title: 'Node id', description: 'A node id.' },
);

/** A probability in [0, 1]. */
export const probabilitySchema = z.number().check(z.minimum(0), z.maximum(1));

/** 0 (none), or a rate whose gaps fit in a run: at least one an hour, at most 10 million a second. */
function rateInRange(v: string | number): boolean {
  let perSec: number;
  try {
    perSec = parseRate(v);
  } catch {
    return true; // the pattern check reports it
  }
  return perSec === 0 || (perSec >= 1 / 3600 && perSec <= 1e7);
}
