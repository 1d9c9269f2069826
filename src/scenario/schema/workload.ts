import { z } from 'zod';
import { distSchema } from './distribution.ts';
import { probabilitySchema, strict } from './primitives.ts';
import { rateSchema } from './rate.ts';
import { routingSchema } from './routing.ts';

/**
 * At most this many keys: every node keeps 16 bytes per key (and the checker 32), so a
 * larger key space would exhaust memory instead of failing here with a clear message.
 */
const MAX_KEYS = 10_000_000;
const keyCountSchema = z.int().min(1).max(MAX_KEYS, { error: 'at most 10,000,000 keys (every node keeps 16 bytes per key)' });

/** `N` (uniform over N keys) or `{count, dist: uniform|zipf, s}`. Default: uniform over keyCount. */
export const keysSchema = z
  .union([
    keyCountSchema,
    strict({
      count: keyCountSchema,
      /** Default uniform. */
      dist: z.enum(['uniform', 'zipf']).default('uniform'),
      /** Default 1.0 (zipf exponent). */
      s: z.number().positive().default(1),
    }),
  ], { error: 'expected a number of keys or {count, dist: uniform|zipf, s}' })
  .meta({ description: 'Key choice: N keys uniformly, or {count, dist: zipf, s}.' });

const writesSchema = strict({
  rate: rateSchema,
  keys: keysSchema.optional(),
  viewOwn: strict({
    /** Default 1. */
    probability: probabilitySchema.default(1).meta({ description: 'Chance the writer reads back its own write.' }),
    /** Default 1s. */
    delay: distSchema.default('1s').meta({ description: 'Time from the ack to the read-back.' }),
  }).optional().meta({ description: 'The writer reads back what it wrote (uploader views their photo).' }),
  /** Default: none (each write costs the replica's applyTime). */
  cost: distSchema.optional().meta({ description: "Extra apply time per write on every replica, on top of its applyTime (a big transaction blocks the entries behind it, even with applyWorkers > 1)." }),
}).meta({ description: 'Poisson writes issued by the group as a whole.' });

const readsSchema = strict({
  rate: rateSchema,
  keys: keysSchema.optional(),
}).meta({ description: 'Poisson reads issued by the group as a whole.' });

const followsSchema = strict({
  group: z.string().min(1).meta({ description: 'A group that writes.' }),
  /** Default 1. */
  readsPerWrite: z.number().nonnegative().default(1),
  /** Default 1s. */
  delay: distSchema.default('1s').meta({ description: 'Time from the write ack to each follower read.' }),
}).meta({ description: "Reads of another group's acknowledged writes (followers viewing an upload)." });

const groupSchema = strict({
  name: z.string().min(1),
  /** Default 1. */
  sessions: z.int().min(1).default(1),
  writes: writesSchema.optional(),
  reads: readsSchema.optional(),
  follows: followsSchema.optional(),
  routing: routingSchema.optional().meta({ description: "Overrides the scenario's read routing for this group." }),
});

/** Default []: no clients. Group names are unique (checked with the cross-references). */
export const workloadSchema = z.array(groupSchema).meta({ description: 'Client groups.' });
