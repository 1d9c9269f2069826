import { lsnOf, makeVersion, termOf } from '../model/version.ts';
import type { LostWriteChecker } from './lost-writes.ts';

/**
 * Phantom reads: completed reads that returned a version whose write is lost (not in the
 * history of the primary that finally survives). They happen wherever a write is visible
 * before it is safe: on an async primary or replica, and on a semi-sync primary with
 * AFTER_COMMIT (rpl_semi_sync_source_wait_point, MySQL manual 19.4.10: "other clients can
 * see the committed transaction before the commit is acknowledged … if the source crashes,
 * … clients may have seen data that is then lost on the replica that is promoted"), or a
 * deposed primary still serving its own branch. AFTER_SYNC and sync replication leave none
 * behind a failover that promotes an acknowledging replica.
 *
 * Judged from observed history only, as lost writes are (src/metrics/lost-writes.ts): a read
 * is remembered by the version it returned until that version's verdict is final; the count is
 * the reads whose version is judged lost at the end of the run.
 */
export class PhantomReads {
  /** Version → completed reads that returned it, while its verdict may still change. */
  private readonly readsOf = new Map<number, number>();
  /** Version → those reads' ids, kept only for a listener that marks them (the trace). */
  private idsOf: Map<number, number[]> | null = null;
  /** Reads of versions whose loss is final (forgotten from the maps). */
  private settledPhantoms = 0;

  constructor(private readonly lost: LostWriteChecker) {}

  /** Keep read ids too, so `readsOfLost` can name the reads of a write found lost later. */
  keepReadIds(): void {
    this.idsOf ??= new Map();
  }

  /** A read completed with `version` (0 = the key was never written). True if it is already known to be a phantom. */
  read(op: number, version: number): boolean {
    if (version === 0) return false;
    this.readsOf.set(version, (this.readsOf.get(version) ?? 0) + 1);
    if (this.idsOf) {
      const list = this.idsOf.get(version);
      if (list) list.push(op);
      else this.idsOf.set(version, [op]);
    }
    return this.lost.isLost(lsnOf(version), termOf(version));
  }

  /** The write (lsn, term) was just found lost: the reads that returned it so far (with keepReadIds). */
  readsOfLost(lsn: number, term: number): readonly number[] {
    return this.idsOf?.get(makeVersion(term, lsn)) ?? [];
  }

  /** Forgets versions whose verdict is final, keeping the count of those that are lost. */
  prune(): void {
    const settled = this.lost.settledThroughLsn;
    for (const [version, n] of this.readsOf) {
      const lsn = lsnOf(version);
      if (lsn > settled) continue;
      if (this.lost.isLost(lsn, termOf(version))) this.settledPhantoms += n;
      this.readsOf.delete(version);
      this.idsOf?.delete(version);
    }
  }

  /** Reads that returned a version judged lost now. */
  count(): number {
    let total = this.settledPhantoms;
    for (const [version, n] of this.readsOf) if (this.lost.isLost(lsnOf(version), termOf(version))) total += n;
    return total;
  }
}
