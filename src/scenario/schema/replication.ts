import { z } from 'zod/mini';
import { PARALLELISM, REPLICATION_MODES } from '../../model/config.ts';
import { DEFAULT_REPLICATION_MODE } from './defaults.ts';
import { distSchema } from './distribution.ts';
import { durationSchema, periodSchema, nodeIdSchema, strict, timeoutOrOffSchema, withMeta } from './primitives.ts';

export const replicationSchema = withMeta(
  strict({
    /** Default async: the client is acknowledged at primary commit. */
    mode: withMeta(z._default(z.enum(REPLICATION_MODES), DEFAULT_REPLICATION_MODE), { description: 'async | semi-sync | sync.' }),
    /**
     * Default 1ms: one WAL/binlog write + fdatasync of 8 kB on a typical SSD. pg_test_fsync
     * (PostgreSQL's tool for exactly this) measures about 1.6 ms on a consumer NVMe SSD without
     * power-loss protection (Samsung 990 Pro), 0.5–1 ms on cloud block volumes, and tens of µs on
     * datacenter NVMe with power-loss protection (T. Poder, "Using Postgres pg_test_fsync tool for
     * testing low latency writes", 2025). With group commit this is the cost of one flush, shared
     * by every commit in its group.
     */
    commitTime: withMeta(z._default(distSchema, '1ms'), {
      description: "Primary's local commit: one log write + fsync (group commit: one flush for every commit waiting when it starts).",
    }),
    /** Default 0.2ms: one flush of the relay log / received WAL (kept below commitTime: the standby's write is sequential and small). */
    flushTime: withMeta(z._default(distSchema, '0.2ms'), {
      description: 'Replica flushing received entries to its relay log (one flush covers all received); entries are applied only once flushed.',
    }),
    /**
     * Default 0.2ms: replaying one small transaction (a row change, an index entry and a commit
     * record) with its pages in memory. Consistent with a measured PostgreSQL 15 standby 20 ms
     * away whose apply delay was ≈ 21 ms: receive + flush + replay ≈ 1 ms, most of it the flush
     * (issue 12). A transaction that reads pages from disk costs more: set it per node or per
     * workload (`cost`).
     */
    applyTime: withMeta(z._default(distSchema, '0.2ms'), { description: 'Default per-entry apply (replay) time on replicas.' }),
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
    /** Default 10s (wal_receiver_status_interval). */
    statusInterval: withMeta(z._default(timeoutOrOffSchema, '10s'), {
      description:
        "sync: a standby replies on its own at least this often (wal_receiver_status_interval); its replies are what release a sync primary's waiting commits; 0 = only when asked or when its position moves.",
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
    standbys: withMeta(z._default(z.array(nodeIdSchema), []), {
      description: 'sync: candidates in priority order; semi-sync: the replicas with semi-sync enabled, the only ones whose acks count (default: every replica).',
    }),
    /** Default true (MySQL's default, rpl_semi_sync_source_wait_no_replica = ON). */
    waitNoReplica: withMeta(z._default(z.boolean(), true), {
      description: 'semi-sync: keep waiting until the timeout when fewer semi-sync replicas are connected than waitFor (true), or fall back to async at once (false).',
    }),
  }),
  { description: 'How the primary ships its log and when it acknowledges clients.' },
);
