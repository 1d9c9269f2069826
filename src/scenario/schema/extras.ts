import { z } from 'zod/mini';
import { checkReportPath, parseExpectation } from '../../metrics/expect.ts';
import { durationSchema, periodSchema, strict, withMeta } from './primitives.ts';

export const monitorSchema = withMeta(
  strict({
    /** Default 1s. */
    interval: withMeta(z._default(periodSchema, '1s'), { description: 'How often the lag monitor samples each replica.' }),
    /** Default heartbeat. */
    measure: withMeta(z._default(z.enum(['heartbeat', 'seconds-behind', 'replay-lag']), 'heartbeat'), {
      description:
        "Lag that lag-aware routing sees: heartbeat (true lag, as pt-heartbeat) | seconds-behind (MySQL Seconds_Behind_Source: whole seconds, 0 when the relay log is starved, NULL when the receiver is disconnected) | replay-lag (PostgreSQL pg_stat_replication.replay_lag on the primary, as Pgpool-II's delay_threshold_by_time; turns standbyStatus on).",
    }),
    /** Default false: two or three more messages per write per replica. */
    standbyStatus: withMeta(z._default(z.boolean(), false), {
      description:
        "Replicas send PostgreSQL standby status replies when they have written what arrived, after each flush, and after each apply with ackOn: apply, so the primary's pg_stat_replication shows write_lag, flush_lag, replay_lag.",
    }),
    /** Default 60s (ProxySQL's mysql-monitor_slave_lag_when_null). */
    lagWhenNull: withMeta(z._default(durationSchema, '60s'), {
      description: 'seconds-behind: the lag a NULL Seconds_Behind_Source counts as (ProxySQL mysql-monitor_slave_lag_when_null; above maxLag = shunned).',
    }),
  }),
  { description: 'The lag monitor that lag-aware routing and failover see.' },
);

export const clientsSchema = withMeta(
  strict({
    /** Default 1s. */
    timeout: withMeta(z._default(durationSchema, '1s'), { description: 'A write with no reply after this long is given up (0 = wait forever).' }),
    /** Default 2. */
    retries: withMeta(z._default(z.int().check(z.minimum(0)), 2), {
      description: "Further attempts after a failed, refused or timed-out write, each to the router's current primary.",
    }),
    /** Default 100ms. */
    retryDelay: withMeta(z._default(durationSchema, '100ms'), { description: 'Pause before each retry.' }),
  }),
  { description: 'How clients treat writes that get no answer (timeouts and retries).' },
);

export const reportOptionsSchema = withMeta(
  strict({
    /** Default: duration/600 rounded to whole ms, at least 1ms. */
    seriesInterval: withMeta(z.optional(periodSchema), { description: 'Spacing of the lag time series (default duration/600, ≥ 1ms).' }),
  }),
  { description: 'Report options.' },
);

/** One expectation line: syntax and report path are checked here. */
export const expectationSchema = withMeta(
  z.string().check(
    z.superRefine((line, ctx) => {
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
    }),
  ),
  { description: 'A check on the report: `<path> <op> <value>` joined by `and`, e.g. `reads.staleFraction < 0.05`.' },
);

export const narrationSchema = withMeta(
  strict({
    at: durationSchema,
    text: z.string().check(z.minLength(1)),
  }),
  { description: 'A caption shown from `at` on.' },
);
