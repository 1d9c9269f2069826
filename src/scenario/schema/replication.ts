import { z } from 'zod/mini';
import { PARALLELISM, REPLICATION_MODES } from '../../model/config.ts';
import { DEFAULT_REPLICATION_MODE } from './defaults.ts';
import { distSchema } from './distribution.ts';
import { durationSchema, periodSchema, nodeIdSchema, strict, timeoutOrOffSchema, withMeta } from './primitives.ts';

export const replicationSchema = withMeta(
  strict({
    /** Default async: the client is acknowledged at primary commit. */
    mode: withMeta(z._default(z.enum(REPLICATION_MODES), DEFAULT_REPLICATION_MODE), { description: 'async | semi-sync | sync.' }),
    /** Default 0.2ms. */
    commitTime: withMeta(z._default(distSchema, '0.2ms'), { description: "Primary's local commit (log write + fsync), per write." }),
    /** Default 0.2ms: one fsync of the relay log / WAL on an SSD. */
    flushTime: withMeta(z._default(distSchema, '0.2ms'), {
      description: 'Replica flushing received entries to its relay log (one flush covers all received); entries are applied only once flushed.',
    }),
    /** Default 0.5ms. */
    applyTime: withMeta(z._default(distSchema, '0.5ms'), { description: 'Default per-entry apply time on replicas.' }),
    /** Default writeset (MySQL 8.4's only dependency tracking). */
    parallelism: withMeta(z._default(z.enum(PARALLELISM), 'writeset'), {
      description: 'Replicas with applyWorkers > 1: writeset (writes to different keys overlap) | commit-order (only one commit group overlaps) | database (each workload group is a database).',
    }),
    /** Default 1; `all` means every candidate. Must not exceed the candidates (semi-sync/sync). */
    waitFor: withMeta(z._default(z.union([z.int().check(z.minimum(1)), z.literal('all')]), 1), {
      description: 'Replica acks a commit waits for (semi-sync/sync); a number or `all`.',
    }),
    /** Default receive. */
    ackOn: withMeta(z._default(z.enum(['receive', 'flush', 'apply']), 'receive'), { description: 'When a replica acks: receive | flush | apply.' }),
    /** Default after-sync (MySQL lossless semi-sync). */
    waitPoint: withMeta(z._default(z.enum(['after-sync', 'after-commit']), 'after-sync'), {
      description: 'semi-sync: wait before (after-sync) or after (after-commit) the commit is visible.',
    }),
    /** Default 10s. */
    timeout: withMeta(z._default(durationSchema, '10s'), { description: 'semi-sync: fall back to async after waiting this long.' }),
    /** Default first. */
    quorum: withMeta(z._default(z.enum(['first', 'any']), 'first'), { description: 'sync: first (priority order) | any.' }),
    /** Default by failover.flavor, resolved in build-config.ts: 5s (postgres) or 60s (mysql). */
    reconnect: withMeta(z.optional(periodSchema), {
      description:
        'How long a replica waits before retrying a broken replication stream (default: 5s for postgres, wal_retrieve_retry_interval; 60s for mysql, SOURCE_CONNECT_RETRY).',
    }),
    /** Default 60s (wal_sender_timeout). */
    senderTimeout: withMeta(z._default(timeoutOrOffSchema, '60s'), {
      description: "The primary drops a replica's stream after hearing nothing from it this long (wal_sender_timeout; MySQL net_write_timeout); 0 = never.",
    }),
    /** Default 60s (wal_receiver_timeout, replica_net_timeout). */
    receiverTimeout: withMeta(z._default(timeoutOrOffSchema, '60s'), {
      description: 'A replica drops its stream after hearing nothing from the primary this long (wal_receiver_timeout; MySQL replica_net_timeout); 0 = never.',
    }),
    /** Default commit: the primary flushes its log before acknowledging. */
    localFlush: withMeta(z._default(z.enum(['commit', 'delayed']), 'commit'), {
      description:
        'commit: the primary flushes its log before acknowledging; delayed: it acknowledges first and flushes every flushInterval (synchronous_commit = off; sync_binlog = 0 / innodb_flush_log_at_trx_commit = 2).',
    }),
    /** Default by failover.flavor, resolved in build-config.ts: 200ms (postgres) or 1s (mysql). */
    flushInterval: withMeta(z.optional(periodSchema), {
      description: 'localFlush: delayed — how often the log is flushed (default: 200ms for postgres, wal_writer_delay; 1s for mysql, innodb_flush_log_at_timeout).',
    }),
    /** Default []: every replica, in file order. */
    standbys: withMeta(z._default(z.array(nodeIdSchema), []), { description: 'sync/semi-sync candidates in priority order (default: every replica).' }),
  }),
  { description: 'How the primary ships its log and when it acknowledges clients.' },
);
