import { z } from 'zod/mini';
import { ROUTING_POLICIES } from '../../model/routing/names.ts';
import { DEFAULT_READ_ROUTING } from './defaults.ts';
import { durationSchema, strict, withMeta } from './primitives.ts';

/**
 * Read routing. Every policy's settings are listed here with their defaults; each policy
 * reads only its own (build-config.ts gives it exactly those, in µs) and ignores the others.
 */
export const routingSchema = withMeta(
  strict({
    /** Default round-robin. */
    reads: withMeta(z._default(z.enum(ROUTING_POLICIES), DEFAULT_READ_ROUTING), { description: `Read routing policy: ${ROUTING_POLICIES.join(' | ')}.` }),
    /** Default 1s. */
    maxLag: withMeta(z._default(durationSchema, '1s'), {
      description: 'bounded-staleness: the most lag (as the monitor saw it) a replica may show and still get reads.',
    }),
    /** Default 1s. */
    timeout: withMeta(z._default(durationSchema, '1s'), {
      description: 'read-your-writes, monotonic with mode wait: how long a replica may hold a read for the token before it is retried on the primary.',
    }),
    /** Default 2s (Rails' DatabaseSelector delay). */
    period: withMeta(z._default(durationSchema, '2s'), { description: 'primary-after-write: how long reads go to the primary after a write.' }),
    /** Default wait. */
    mode: withMeta(z._default(z.enum(['wait', 'fallback-primary']), 'wait'), {
      description: 'read-your-writes, monotonic: wait (the replica holds the read until it has the token) | fallback-primary (a replica known to have it, else the primary).',
    }),
  }),
  { description: 'Where reads go.' },
);
