import { z } from 'zod/mini';
import { DURATION_PATTERN, RATE_PATTERN } from '../units.ts';
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

/** A duration as written: a non-negative number of milliseconds, or a string with a unit. */
export const durationSchema = withMeta(
  z.union(
    [
      z.number().check(z.nonnegative({ error: 'a duration must not be negative' })),
      z.string().check(z.regex(new RegExp(DURATION_PATTERN), { error: `expected ${DURATION_HELP}` })),
    ],
    { error: `expected ${DURATION_HELP}` },
  ),
  { id: 'duration', title: 'Duration', description: `A duration: ${DURATION_HELP.slice('a duration: '.length)}.` },
);

/** A rate as written: a non-negative number per second, or `N/s`, `N/m`, `N/h`. */
export const rateValueSchema = withMeta(
  z.union(
    [
      z.number().check(z.nonnegative({ error: 'a rate must not be negative' })),
      z.string().check(z.regex(new RegExp(RATE_PATTERN), { error: 'expected a rate such as 20/s or 1200/m' })),
    ],
    { error: 'expected a rate: a number per second or a string such as 20/s or 1200/m' },
  ),
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
