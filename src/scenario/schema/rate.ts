import { z } from 'zod/mini';
import { durationSchema, rateValueSchema, strict, withMeta } from './primitives.ts';
import { tryDuration } from '../units.ts';

/** A step of a rate schedule: from `at` on, the rate is `rate`. */
const rateStepSchema = strict({ at: durationSchema, rate: rateValueSchema });

/** A constant rate, or a schedule whose first step is at 0 and whose steps go forward in time. */
export const rateSchema = withMeta(
  z.union([
    rateValueSchema,
    z.array(rateStepSchema).check(
      z.minLength(1),
      z.superRefine((steps, ctx) => {
        let prev = -1;
        steps.forEach((s, i) => {
          const at = tryDuration(s?.at);
          if (at === undefined) return;
          if (i === 0 && at !== 0) ctx.addIssue({ code: 'custom', path: [0, 'at'], message: 'the first step of a rate schedule must be at 0' });
          if (i > 0 && at <= prev) ctx.addIssue({ code: 'custom', path: [i, 'at'], message: 'rate steps must be in increasing time order' });
          prev = at;
        });
      }),
    ),
  ], { error: 'expected a rate (20/s, 1200/m, a number per second) or a list of {at, rate} steps' }),
  { description: 'A rate (20/s, 1200/m, number per second) or a schedule [{at, rate}, ...] starting at 0.' },
);
