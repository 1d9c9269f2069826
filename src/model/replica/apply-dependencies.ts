import type { Parallelism } from '../config.ts';
import type { LogEntry } from '../log-entry.ts';

/**
 * What a parallel applier's coordinator knows about which entries may overlap: for each entry,
 * the LSN it depends on. The entry may start only once every entry up to that LSN has been
 * applied (MySQL's LOGICAL_CLOCK scheduler: a transaction starts when its `last_committed`
 * is at or below the low-water mark of committed transactions; Mts_submode_logical_clock::
 * schedule_next_event in sql/rpl_mta_submode.cc).
 *
 * - `writeset` (binlog_transaction_dependency_tracking = WRITESET, the only choice from MySQL
 *   8.4): an entry depends on the previous entry that wrote the same row (key). Writes to
 *   different keys overlap; writes to one hot key run one at a time.
 * - `commit-order` (COMMIT_ORDER): an entry depends on the last entry of the previous commit
 *   group; only entries the primary flushed in the same group commit overlap. A log entry
 *   without a `commitGroup` is its own group, so then nothing overlaps.
 * - `database` (replica_parallel_type = DATABASE): an entry depends on the previous entry of
 *   the same database. repsim has no schemas: each workload group writes its own database.
 *
 * In every mode an entry also waits for the previous entry to its key: the replica's row lock
 * makes a second write to a row wait for the first, whatever the primary's bookkeeping said.
 *
 * The history is unbounded (MySQL keeps binlog_transaction_dependency_history_size = 25000
 * rows, then forgets, which only makes it more conservative).
 */
export class ApplyDependencies {
  /** Per key: LSN of the newest entry handed to a worker that wrote it (0 = none). */
  private readonly keyLast: Float64Array;
  /** Per workload group (`database`): LSN of its newest entry handed to a worker. */
  private readonly dbLast: Float64Array;
  /** `commit-order`: the group of the entry handed out last, and what that group depends on. */
  private lastLsn = 0;
  private lastTerm = 0;
  private lastGroup: number | undefined = undefined;
  private groupDependsOn = 0;

  constructor(
    readonly mode: Parallelism,
    keyCount: number,
    groupCount: number,
  ) {
    this.keyLast = new Float64Array(keyCount);
    this.dbLast = new Float64Array(mode === 'database' ? groupCount : 0);
  }

  /** The LSN `entry` waits for (every entry up to it applied); 0 = none. Entries are asked in LSN order. */
  dependsOn(entry: LogEntry): number {
    const sameKey = this.keyLast[entry.key];
    switch (this.mode) {
      case 'writeset':
        return sameKey;
      case 'database':
        return Math.max(sameKey, this.dbLast[entry.op.groupIndex]);
      case 'commit-order': {
        const sameGroup = entry.commitGroup !== undefined && entry.commitGroup === this.lastGroup && entry.term === this.lastTerm && entry.lsn === this.lastLsn + 1;
        return Math.max(sameKey, sameGroup ? this.groupDependsOn : entry.lsn - 1);
      }
    }
  }

  /** `entry` was handed to a worker (after `dependsOn(entry)` said it may start). */
  dispatched(entry: LogEntry): void {
    if (this.mode === 'commit-order') {
      const sameGroup = entry.commitGroup !== undefined && entry.commitGroup === this.lastGroup && entry.term === this.lastTerm && entry.lsn === this.lastLsn + 1;
      if (!sameGroup) this.groupDependsOn = entry.lsn - 1;
      this.lastGroup = entry.commitGroup;
      this.lastTerm = entry.term;
      this.lastLsn = entry.lsn;
    }
    this.keyLast[entry.key] = entry.lsn;
    if (this.mode === 'database') this.dbLast[entry.op.groupIndex] = entry.lsn;
  }

  /**
   * The applier restarts from its applied position (crash, rollback): entries up to there are
   * applied, so a dependency on them is met, and every later entry will be handed out again
   * in order, rebuilding the history.
   */
  reset(): void {
    this.keyLast.fill(0);
    this.dbLast.fill(0);
    this.lastLsn = 0;
    this.lastGroup = undefined;
    this.groupDependsOn = 0;
  }
}
