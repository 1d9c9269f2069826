import { z } from 'zod';
import { durationSchema, strict } from './primitives.ts';

/** The failover manager; defaults after Orchestrator, Patroni and MHA. */
export const failoverSchema = strict({
  /** Default true. */
  automatic: z.boolean().default(true).meta({ description: 'Promote a replica when the primary is declared failed.' }),
  /** Default 1s. */
  heartbeat: durationSchema.default('1s').meta({ description: 'Interval between heartbeats to the primary.' }),
  /** Default 3. */
  missedBeats: z.int().min(1).default(3).meta({ description: 'Missed heartbeats before the primary is declared failed.' }),
  /** Default false. */
  confirmByReplicas: z.boolean().default(false).meta({ description: 'Require replicas to confirm the primary is unreachable.' }),
  /** Default: no limit. */
  maxLagOnFailover: durationSchema.optional().meta({ description: 'Refuse to promote a replica lagging more than this (default: no limit).' }),
  /** Default 60s (Orchestrator's RecoveryPeriodBlockSeconds is 3600). */
  cooldown: durationSchema.default('60s').meta({ description: 'Minimum time between two automatic failovers.' }),
  /** Default none. */
  fencing: z.enum(['none', 'lease', 'min-replicas']).default('none').meta({ description: 'How a deposed primary is stopped from accepting writes.' }),
  /** Default heartbeat × missedBeats, resolved in build-config.ts because it depends on them. */
  leaseTtl: durationSchema.optional().meta({ description: 'fencing: lease — lease length (default: heartbeat × missedBeats).' }),
  /** Default 1. */
  minReplicas: z.int().min(0).default(1).meta({ description: 'fencing: min-replicas — replicas that must be connected to accept writes.' }),
  /** Default 10s (Redis min-replicas-max-lag). */
  minReplicasMaxLag: durationSchema.default('10s').meta({ description: 'fencing: min-replicas — a replica counts if heard from within this.' }),
  /** Default false: log position first. */
  priorityOrder: z.boolean().default(false).meta({ description: 'Choose the new primary by node priority before log position.' }),
  /** Default 0s. */
  promoteTime: durationSchema.default('0s').meta({ description: 'Time a replica takes to become primary once chosen and caught up.' }),
}).meta({ description: 'The failover manager.' });
