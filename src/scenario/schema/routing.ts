import { z } from 'zod';
import { ROUTING_POLICIES } from '../../model/routing/names.ts';
import { durationSchema, strict } from './primitives.ts';

/** Read routing; the extra keys become `params` (times in µs). */
export const routingSchema = strict({
  /** Default round-robin. */
  reads: z.enum(ROUTING_POLICIES).default('round-robin').meta({ description: `Read routing policy: ${ROUTING_POLICIES.join(' | ')}.` }),
  maxLag: durationSchema.optional().meta({ description: 'bounded-staleness: the most lag a replica may show.' }),
  timeout: durationSchema.optional().meta({ description: 'How long a read may wait for a fresh enough replica.' }),
  period: durationSchema.optional().meta({ description: 'primary-after-write: how long reads go to the primary after a write.' }),
  interval: durationSchema.optional().meta({ description: 'Policy re-evaluation interval.' }),
  mode: z.enum(['wait', 'fallback-primary']).optional().meta({ description: 'When no replica qualifies: wait | fallback-primary.' }),
}).meta({ description: 'Where reads go.' });
