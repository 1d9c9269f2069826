import { z } from 'zod';
import { durationSchema, strict } from './primitives.ts';

/** Keys other than automatic/heartbeat/missedBeats become `params` (times in µs). */
export const failoverSchema = strict({
  /** Default true. */
  automatic: z.boolean().default(true).meta({ description: 'Promote a replica when the primary is declared failed.' }),
  /** Default 1s. */
  heartbeat: durationSchema.default('1s').meta({ description: 'Interval between heartbeats to the primary.' }),
  /** Default 3. */
  missedBeats: z.int().min(1).default(3).meta({ description: 'Missed heartbeats before the primary is declared failed.' }),
  /** Default false. */
  confirmByReplicas: z.boolean().default(false).meta({ description: 'Require replicas to confirm the primary is unreachable.' }),
  maxLagOnFailover: durationSchema.optional().meta({ description: 'Refuse to promote a replica lagging more than this.' }),
  /** Default 60s. */
  cooldown: durationSchema.default('60s').meta({ description: 'Minimum time between two automatic failovers.' }),
  /** Default none. */
  fencing: z.enum(['none', 'lease', 'min-replicas']).default('none').meta({ description: 'How a deposed primary is stopped from accepting writes.' }),
  leaseTtl: durationSchema.optional().meta({ description: 'fencing: lease — lease length.' }),
  minReplicas: z.int().min(0).optional().meta({ description: 'fencing: min-replicas — replicas that must be connected to accept writes.' }),
  /** Default 10s (Redis min-replicas-max-lag). */
  minReplicasMaxLag: durationSchema.optional().meta({ description: 'fencing: min-replicas — a replica counts if heard from within this (default 10s).' }),
  priorityOrder: z.boolean().optional().meta({ description: 'Choose the new primary by node priority before log position.' }),
  promoteTime: durationSchema.optional().meta({ description: 'Time a replica takes to become primary once chosen.' }),
}).meta({ description: 'The failover manager.' });
