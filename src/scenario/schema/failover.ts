import { z } from 'zod/mini';
import { durationSchema, periodSchema, strict, withMeta } from './primitives.ts';

/** The failover manager; defaults after Orchestrator, Patroni and MHA. */
export const failoverSchema = withMeta(
  strict({
    /** Default postgres. */
    flavor: withMeta(z._default(z.enum(['postgres', 'mysql']), 'postgres'), {
      description:
        'Whose tooling: postgres (a returning old primary is rewound and follows, as pg_rewind / Patroni) or mysql (it keeps its errant transactions and stays out until an operator acts, as Orchestrator / MHA); also sets the reconnect and flushInterval defaults.',
    }),
    /** Default true. */
    automatic: withMeta(z._default(z.boolean(), true), { description: 'Promote a replica when the primary is declared failed.' }),
    /** Default 1s. */
    heartbeat: withMeta(z._default(periodSchema, '1s'), { description: 'Interval between heartbeats to the primary.' }),
    /** Default 3. */
    missedBeats: withMeta(z._default(z.int().check(z.minimum(1)), 3), { description: 'Missed heartbeats before the primary is declared failed.' }),
    /** Default false. */
    confirmByReplicas: withMeta(z._default(z.boolean(), false), { description: 'Require replicas to confirm the primary is unreachable.' }),
    /** Default: no limit. */
    maxLagOnFailover: withMeta(z.optional(durationSchema), { description: 'Refuse to promote a replica lagging more than this (default: no limit).' }),
    /** Default 60s (Orchestrator's RecoveryPeriodBlockSeconds is 3600). */
    cooldown: withMeta(z._default(durationSchema, '60s'), { description: 'Minimum time between two automatic failovers.' }),
    /** Default none. */
    fencing: withMeta(z._default(z.enum(['none', 'lease', 'min-replicas']), 'none'), { description: 'How a deposed primary is stopped from accepting writes.' }),
    /** Default heartbeat × missedBeats, resolved in build-config.ts because it depends on them. */
    leaseTtl: withMeta(z.optional(durationSchema), { description: 'fencing: lease — lease length (default: heartbeat × missedBeats).' }),
    /** Default 1. */
    minReplicas: withMeta(z._default(z.int().check(z.minimum(0)), 1), { description: 'fencing: min-replicas — replicas that must be connected to accept writes.' }),
    /** Default 10s (Redis min-replicas-max-lag). */
    minReplicasMaxLag: withMeta(z._default(durationSchema, '10s'), { description: 'fencing: min-replicas — a replica counts if heard from within this.' }),
    /** Default false: log position first. */
    priorityOrder: withMeta(z._default(z.boolean(), false), { description: 'Choose the new primary by node priority before log position.' }),
    /** Default 0s. */
    promoteTime: withMeta(z._default(durationSchema, '0s'), { description: 'Time a replica takes to become primary once chosen and caught up.' }),
  }),
  { description: 'The failover manager.' },
);
