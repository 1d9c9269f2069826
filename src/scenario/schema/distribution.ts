import { z } from 'zod/mini';
import { durationSchema, strict, withMeta } from './primitives.ts';
import { tryDuration } from '../units.ts';

/*
 * A distribution of durations. Anywhere a timing is accepted, a bare duration means a
 * constant; otherwise an object chosen by `dist`. Parameters that are times accept
 * duration strings. Samples are rounded to whole microseconds and never negative.
 */

const constantDist = withMeta(strict({
  dist: z.literal('constant'),
  value: durationSchema,
}), { description: 'Always the same value.' });

const uniformDist = withMeta(
  strict({
    dist: z.literal('uniform'),
    min: durationSchema,
    max: durationSchema,
  }).check(z.superRefine((v, ctx) => {
    const min = tryDuration(v.min);
    const max = tryDuration(v.max);
    if (min !== undefined && max !== undefined && min > max)
      ctx.addIssue({ code: 'custom', path: ['max'], message: `max (${v.max}) must not be below min (${v.min})` });
  })),
  { description: 'Uniform between min and max.' },
);

const exponentialDist = withMeta(strict({
  dist: z.literal('exponential'),
  mean: durationSchema,
}), { description: 'Exponential with the given mean (memoryless).' });

const normalDist = withMeta(strict({
  dist: z.literal('normal'),
  mean: durationSchema,
  stdev: durationSchema,
}), { description: 'Normal, truncated at zero.' });

const lognormalDist = withMeta(
  strict({
    dist: z.literal('lognormal'),
    median: z.optional(durationSchema),
    p99: z.optional(durationSchema),
    mu: withMeta(z.optional(z.number()), { description: 'Mean of ln(value in milliseconds).' }),
    sigma: withMeta(z.optional(z.number().check(z.nonnegative())), { description: 'Standard deviation of ln(value).' }),
  }).check(z.superRefine((v, ctx) => {
    const byPercentiles = v.median !== undefined || v.p99 !== undefined;
    const byParams = v.mu !== undefined || v.sigma !== undefined;
    if (byPercentiles && byParams) {
      ctx.addIssue({ code: 'custom', path: [], message: 'give either median and p99, or mu and sigma, not both' });
      return;
    }
    if (byParams) {
      for (const k of ['mu', 'sigma'] as const)
        if (v[k] === undefined) ctx.addIssue({ code: 'custom', path: [], message: `missing \`${k}\` (mu and sigma go together)` });
      return;
    }
    if (v.median === undefined || v.p99 === undefined) {
      const missing = v.median === undefined ? 'median' : 'p99';
      ctx.addIssue({ code: 'custom', path: [], message: `missing \`${missing}\`; a lognormal needs median and p99, or mu and sigma` });
      return;
    }
    const median = tryDuration(v.median);
    const p99 = tryDuration(v.p99);
    if (median !== undefined && median <= 0)
      ctx.addIssue({ code: 'custom', path: ['median'], message: 'median must be above zero' });
    if (median !== undefined && p99 !== undefined && p99 <= median)
      ctx.addIssue({ code: 'custom', path: ['p99'], message: `p99 (${v.p99}) must be above the median (${v.median})` });
  })),
  { description: 'Lognormal, by median and p99 (durations) or by mu and sigma of ln(value in ms).' },
);

const paretoDist = withMeta(
  strict({
    dist: z.literal('pareto'),
    scale: withMeta(durationSchema, { description: 'The minimum value.' }),
    shape: withMeta(z.number().check(z.positive()), { description: 'Tail index (> 0); smaller means heavier tail.' }),
  }).check(z.superRefine((v, ctx) => {
    const scale = tryDuration(v.scale);
    if (scale !== undefined && scale <= 0) ctx.addIssue({ code: 'custom', path: ['scale'], message: 'scale must be above zero' });
  })),
  { description: 'Pareto: P(X > x) = (scale/x)^shape for x ≥ scale.' },
);

export const DIST_NAMES = ['constant', 'uniform', 'exponential', 'normal', 'lognormal', 'pareto'] as const;

export const distObjectSchema = z.discriminatedUnion('dist', [
  constantDist,
  uniformDist,
  exponentialDist,
  normalDist,
  lognormalDist,
  paretoDist,
]);

export const distSchema = withMeta(
  z.union([durationSchema, distObjectSchema], {
    error: 'expected a duration (such as 20ms) or a distribution object such as {dist: exponential, mean: 2ms}',
  }),
  { id: 'distribution', title: 'Distribution', description: 'A duration (constant) or a distribution: {dist: constant|uniform|exponential|normal|lognormal|pareto, ...}.' },
);

export type DistInput = z.input<typeof distSchema>;
export type DistOutput = z.output<typeof distSchema>;
