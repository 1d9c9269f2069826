import { z } from 'zod';
import { ROUTING_POLICIES } from '../../model/routing/names.ts';
import { DEFAULT_READ_ROUTING } from './defaults.ts';
import { durationSchema, strict } from './primitives.ts';

/**
 * Read routing. Every policy's settings are listed here with their defaults; each policy
 * reads only its own (build-config.ts gives it exactly those, in µs) and ignores the others.
 */
export const routingSchema = strict({
  /** Default round-robin. */
  reads: z.enum(ROUTING_POLICIES).default(DEFAULT_READ_ROUTING).meta({ description: `Read routing policy: ${ROUTING_POLICIES.join(' | ')}.` }),
  /** Default 1s. */
  maxLag: durationSchema.default('1s').meta({ description: 'bounded-staleness: the most lag (as the monitor saw it) a replica may show and still get reads.' }),
  /** Default 1s. */
  timeout: durationSchema
    .default('1s')
    .meta({ description: 'read-your-writes, monotonic with mode wait: how long a replica may hold a read for the token before it is retried on the primary.' }),
  /** Default 2s (Rails' DatabaseSelector delay). */
  period: durationSchema.default('2s').meta({ description: 'primary-after-write: how long reads go to the primary after a write.' }),
  /** Default wait. */
  mode: z
    .enum(['wait', 'fallback-primary'])
    .default('wait')
    .meta({ description: 'read-your-writes, monotonic: wait (the replica holds the read until it has the token) | fallback-primary (a replica known to have it, else the primary).' }),
}).meta({ description: 'Where reads go.' });
