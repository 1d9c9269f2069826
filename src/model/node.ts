import type { Sampler } from '../sim/distributions/index.ts';
import type { NodeConfig, Role } from './config.ts';
import type { Endpoint } from './endpoint.ts';
import { KeyTable } from './key-table.ts';
import { LogStore } from './log-store.ts';
import type { LogEntry } from './log-entry.ts';
import type { WriteOp } from './ops.ts';
import type { Version } from './version.ts';

/**
 * A database server: its data, its copy of the log and its replication positions. The
 * same class serves as primary and replica, because failover turns one into the other.
 */
export class DbNode implements Endpoint {
  readonly isClient = false;
  up = true;
  incarnation = 0;
  role: Role;
  /** The term (epoch) this node believes in; a primary stamps it on what it commits. */
  term = 1;
  /** A fenced primary refuses writes (lease expired, too few replicas, or deposed). */
  fenced = false;

  /** Received (replica) or committed (primary) entries. */
  readonly log = new LogStore();
  /** Highest LSN durable in the relay log (≤ log.lastLsn). */
  flushedLsn = 0;
  /** Highest LSN applied to the data (replica) or made visible (primary). */
  appliedLsn = 0;
  /** Version of the newest applied/visible entry, for session tokens. */
  appliedVersion: Version = 0;

  /** The primary this replica streams from; null for a primary or a detached node. */
  upstream: DbNode | null = null;
  /**
   * As a primary: whether a live replication stream to each node (by index) is open. The
   * connections' own state (see ReplicationStreams), read-only here; set when the world is built.
   */
  streamTo: readonly boolean[] = [];
  /** As a replica: a resubscribe attempt is already scheduled. */
  reconnectPending = false;

  // Primary side: the single log writer that commits one write at a time.
  readonly commitQueue: WriteOp[] = [];
  commitHead = 0;
  committing = false;

  // Replica side: entries received but not yet applied are log entries in (appliedLsn, lastLsn].
  applying = 0;
  /** Apply stalls (a long transaction) until this time. */
  applyStalledUntilUs = 0;
  flushing = false;
  /** Slow-primary fault: commit time multiplier. */
  commitFactor = 1;
  /** fencing: lease — the primary accepts writes until this time unless the manager renews it. */
  leaseUntilUs = Infinity;

  constructor(
    readonly config: NodeConfig,
    readonly index: number,
    /**
     * Per key: the version this node would serve (0 = never written), which write of the key
     * (1st, 2nd, …) set it, and, while this node is the primary, the keySeq of the newest
     * entry for it in the log (which numbers the key's next write).
     */
    readonly keys: KeyTable,
    readonly applySample: Sampler,
    readonly commitSample: Sampler,
    readonly flushSample: Sampler,
  ) {
    this.role = config.role;
  }

  get name(): string {
    return this.config.id;
  }

  get id(): string {
    return this.config.id;
  }

  get receivedLsn(): number {
    return this.log.lastLsn;
  }

  /** Term of the newest entry this node holds. */
  get lastTerm(): number {
    return this.log.lastTerm;
  }

  /**
   * Replicas do not keep `keys.logKeySeq` up to date as entries arrive (that would be one
   * more cache miss per replica per write, and only a primary numbers writes): a node
   * about to become primary derives it from what it has applied and the log after that.
   */
  syncLogKeySeqs(): void {
    this.keys.resetLogKeySeqs();
    for (let lsn = this.appliedLsn + 1; lsn <= this.log.lastLsn; lsn++) {
      const entry = this.log.at(lsn);
      if (entry) this.keys.setLogKeySeq(entry.key, entry.keySeq);
    }
  }

  /** Makes an entry visible in this node's data. */
  applyToData(entry: LogEntry): void {
    this.keys.setApplied(entry.key, entry.version, entry.keySeq);
    this.appliedLsn = entry.lsn;
    this.appliedVersion = entry.version;
  }
}
