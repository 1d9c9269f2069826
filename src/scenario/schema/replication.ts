import { z } from 'zod';
import { REPLICATION_MODES } from '../../model/config.ts';
import { DEFAULT_REPLICATION_MODE } from './defaults.ts';
import { distSchema } from './distribution.ts';
import { durationSchema, nodeIdSchema, strict } from './primitives.ts';

export const replicationSchema = strict({
  /** Default async: the client is acknowledged at primary commit. */
  mode: z.enum(REPLICATION_MODES).default(DEFAULT_REPLICATION_MODE).meta({ description: 'async | semi-sync | sync.' }),
  /** Default 0.2ms. */
  commitTime: distSchema.default('0.2ms').meta({ description: "Primary's local commit (log write + fsync), per write." }),
  /** Default 0.2ms. */
  flushTime: distSchema.default('0.2ms').meta({ description: 'Replica writing a received entry to its relay log.' }),
  /** Default 0.5ms. */
  applyTime: distSchema.default('0.5ms').meta({ description: 'Default per-entry apply time on replicas.' }),
  /** Default 1; `all` means every candidate. Must not exceed the candidates (semi-sync/sync). */
  waitFor: z.union([z.int().min(1), z.literal('all')]).default(1).meta({ description: 'Replica acks a commit waits for (semi-sync/sync); a number or `all`.' }),
  /** Default receive. */
  ackOn: z.enum(['receive', 'flush', 'apply']).default('receive').meta({ description: 'When a replica acks: receive | flush | apply.' }),
  /** Default after-sync (MySQL lossless semi-sync). */
  waitPoint: z.enum(['after-sync', 'after-commit']).default('after-sync').meta({ description: 'semi-sync: wait before (after-sync) or after (after-commit) the commit is visible.' }),
  /** Default 10s. */
  timeout: durationSchema.default('10s').meta({ description: 'semi-sync: fall back to async after waiting this long.' }),
  /** Default first. */
  quorum: z.enum(['first', 'any']).default('first').meta({ description: 'sync: first (priority order) | any.' }),
  /** Default 1s. */
  reconnect: durationSchema.default('1s').meta({ description: 'How long a replica waits before retrying a broken replication stream.' }),
  /** Default []: every replica, in file order. */
  standbys: z.array(nodeIdSchema).default([]).meta({ description: 'sync/semi-sync candidates in priority order (default: every replica).' }),
}).meta({ description: 'How the primary ships its log and when it acknowledges clients.' });
