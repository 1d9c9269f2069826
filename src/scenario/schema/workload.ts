import { z } from 'zod/mini';
import { distSchema } from './distribution.ts';
import { probabilitySchema, sizeSchema, strict, withMeta } from './primitives.ts';
import { rateSchema } from './rate.ts';
import { routingSchema } from './routing.ts';

/**
 * At most this many keys: every node keeps 16 bytes per key (and the checker 32), so a
 * larger key space would exhaust memory instead of failing here with a clear message.
 */
const MAX_KEYS = 10_000_000;
const keyCountSchema = z.int().check(z.minimum(1), z.maximum(MAX_KEYS, { error: 'at most 10,000,000 keys (every node keeps 16 bytes per key)' }));

/** `N` (uniform over N keys) or `{count, dist: uniform|zipf, s}`. Default: uniform over keyCount. */
export const keysSchema = withMeta(
  z.union([
    keyCountSchema,
    strict({
      count: keyCountSchema,
      /** Default uniform. */
      dist: z._default(z.enum(['uniform', 'zipf']), 'uniform'),
      /** Default 1.0 (zipf exponent). */
      s: z._default(z.number().check(z.positive()), 1),
    }),
  ], { error: 'expected a number of keys or {count, dist: uniform|zipf, s}' }),
  { description: 'Key choice: N keys uniformly, or {count, dist: zipf, s}.' },
);

const writesSchema = withMeta(
  strict({
    rate: rateSchema,
    keys: z.optional(keysSchema),
    viewOwn: withMeta(
      z.optional(
        strict({
          /** Default 1. */
          probability: withMeta(z._default(probabilitySchema, 1), { description: 'Chance the writer reads back its own write.' }),
          /** Default 1s. */
          delay: withMeta(z._default(distSchema, '1s'), { description: 'Time from the ack to the read-back.' }),
        }),
      ),
      { description: 'The writer reads back what it wrote (uploader views their photo).' },
    ),
    /** Default 1KB. */
    size: withMeta(z._default(sizeSchema, '1KB'), {
      description: 'Bytes each write adds to the replication stream (its WAL / binlog record); matters on links with a bandwidth.',
    }),
    /** Default: none (each write costs the replica's applyTime). */
    cost: withMeta(z.optional(distSchema), {
      description: "Extra apply time per write on every replica, on top of its applyTime (a big transaction blocks the entries behind it, even with applyWorkers > 1).",
    }),
  }),
  { description: 'Poisson writes issued by the group as a whole.' },
);

const readsSchema = withMeta(
  strict({
    rate: rateSchema,
    keys: z.optional(keysSchema),
  }),
  { description: 'Poisson reads issued by the group as a whole.' },
);

const followsSchema = withMeta(
  strict({
    group: withMeta(z.string().check(z.minLength(1)), { description: 'A group that writes.' }),
    /** Default 1. */
    readsPerWrite: z._default(z.number().check(z.nonnegative(), z.maximum(1000)), 1),
    /** Default 1s. */
    delay: withMeta(z._default(distSchema, '1s'), { description: 'Time from the write ack to each follower read.' }),
  }),
  { description: "Reads of another group's acknowledged writes (followers viewing an upload)." },
);

const groupSchema = strict({
  name: z.string().check(z.minLength(1)),
  /** Default 1. */
  sessions: z._default(z.int().check(z.minimum(1), z.maximum(10_000_000)), 1),
  writes: z.optional(writesSchema),
  reads: z.optional(readsSchema),
  follows: z.optional(followsSchema),
  routing: withMeta(z.optional(routingSchema), { description: "Overrides the scenario's read routing for this group." }),
});

/** Default []: no clients. Group names are unique (checked with the cross-references). */
export const workloadSchema = withMeta(z.array(groupSchema).check(z.maxLength(100, { error: 'at most 100 client groups' })), { description: 'Client groups.' });
