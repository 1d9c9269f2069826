import { z } from 'zod';
import { checkReportPath, parseExpectation } from '../../metrics/expect.ts';
import { durationSchema, strict } from './primitives.ts';

export const monitorSchema = strict({
  /** Default 1s. */
  interval: durationSchema.default('1s').meta({ description: 'How often the lag monitor samples each replica.' }),
  /** Default heartbeat. */
  measure: z
    .enum(['heartbeat', 'seconds-behind'])
    .default('heartbeat')
    .meta({ description: 'Lag that lag-aware routing sees: heartbeat (true lag, as pt-heartbeat) | seconds-behind (MySQL Seconds_Behind_Master, 0 when the relay log is starved).' }),
}).meta({ description: 'The lag monitor that lag-aware routing and failover see.' });

export const clientsSchema = strict({
  /** Default 1s. */
  timeout: durationSchema.default('1s').meta({ description: 'A write with no reply after this long is given up (0 = wait forever).' }),
  /** Default 2. */
  retries: z.int().min(0).default(2).meta({ description: "Further attempts after a failed, refused or timed-out write, each to the router's current primary." }),
  /** Default 100ms. */
  retryDelay: durationSchema.default('100ms').meta({ description: 'Pause before each retry.' }),
}).meta({ description: 'How clients treat writes that get no answer (timeouts and retries).' });

export const reportOptionsSchema = strict({
  /** Default: duration/600 rounded to whole ms, at least 1ms. */
  seriesInterval: durationSchema.optional().meta({ description: 'Spacing of the lag time series (default duration/600, ≥ 1ms).' }),
}).meta({ description: 'Report options.' });

/** One expectation line: syntax and report path are checked here. */
export const expectationSchema = z
  .string()
  .superRefine((line, ctx) => {
    let parsed;
    try {
      parsed = parseExpectation(line);
    } catch (e) {
      ctx.addIssue({ code: 'custom', message: (e as Error).message });
      return;
    }
    for (const c of parsed.comparisons) {
      const problem = checkReportPath(c.segments);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }
  })
  .meta({ description: 'A check on the report: `<path> <op> <value>` joined by `and`, e.g. `reads.staleFraction < 0.05`.' });

export const narrationSchema = strict({
  at: durationSchema,
  text: z.string().min(1),
}).meta({ description: 'A caption shown from `at` on.' });
