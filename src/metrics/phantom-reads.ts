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
  /**
   * The completed reads whose version's verdict may still change, in completion order: the
   * LSN and term of the version each returned. Typed arrays rather than a map by version: a
   * map keyed by versions (numbers beyond 2^31) cost about a fifth of a microsecond per read
   * to hash, and a read-heavy run does little else.
   */
  private lsns = new Float64Array(1024);
  private terms = new Float64Array(1024);
  private n = 0;
  /**
   * Version → the ids of the reads that returned it, kept only for a listener that marks them
   * (the trace): a failover can find thousands of writes lost at once, and each asks for its
   * reads, so they are looked up by version rather than searched for.
   */
  private idsOf: Map<number, number[]> | null = null;
  /** Reads of versions whose loss is final (forgotten from the arrays). */
  private settledPhantoms = 0;

  constructor(private readonly lost: LostWriteChecker) {}

  /** Keep read ids too, so `readsOfLost` can name the reads of a write found lost later. */
  keepReadIds(): void {
    this.idsOf ??= new Map();
  }

  /** A read completed with `version` (0 = the key was never written). True if it is already known to be a phantom. */
  read(op: number, version: number): boolean {
    if (version === 0) return false;
    const lsn = lsnOf(version);
    const term = termOf(version);
    if (this.n === this.lsns.length) this.grow();
    this.lsns[this.n] = lsn;
    this.terms[this.n] = term;
    this.n++;
    if (this.idsOf) {
      const list = this.idsOf.get(version);
      if (list) list.push(op);
      else this.idsOf.set(version, [op]);
    }
    return this.lost.isLost(lsn, term);
  }

  /** The write (lsn, term) was just found lost: the reads that returned it so far (with keepReadIds). */
  readsOfLost(lsn: number, term: number): readonly number[] {
    return this.idsOf?.get(makeVersion(term, lsn)) ?? [];
  }

  /** Forgets reads whose version's verdict is final, keeping the count of those that are lost. */
  prune(): void {
    const settled = this.lost.settledThroughLsn;
    let kept = 0;
    for (let i = 0; i < this.n; i++) {
      const lsn = this.lsns[i];
      const term = this.terms[i];
      if (lsn <= settled) {
        if (this.lost.isLost(lsn, term)) this.settledPhantoms++;
        this.idsOf?.delete(makeVersion(term, lsn));
        continue;
      }
      this.lsns[kept] = lsn;
      this.terms[kept] = term;
      kept++;
    }
    this.n = kept;
  }

  /** Reads that returned a version judged lost now. */
  count(): number {
    let total = this.settledPhantoms;
    for (let i = 0; i < this.n; i++) if (this.lost.isLost(this.lsns[i], this.terms[i])) total++;
    return total;
  }

  private grow(): void {
    const size = this.lsns.length * 2;
    const lsns = new Float64Array(size);
    lsns.set(this.lsns);
    this.lsns = lsns;
    const terms = new Float64Array(size);
    terms.set(this.terms);
    this.terms = terms;
  }
}
