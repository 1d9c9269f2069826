import type { ReadOp, WriteOp } from '../model/ops.ts';
import type { LogEntry } from '../model/log-entry.ts';
import { Histogram } from './histogram.ts';

/** The checker's verdict on one completed read. */
export interface ReadVerdict {
  required: number;
  stale: boolean;
  versionsBehind: number;
  timeBehindUs: number;
  rywViolation: boolean;
  monotonicViolation: boolean;
}

interface Expectation {
  required: number;
  requiredSeq: number;
  own: number;
  /** Newest version of the key the session had read (reads completed) when this one was issued. */
  seen: number;
}

/**
 * Judges every read against DESIGN.md's definitions. At issue time it notes the newest
 * version of the key acknowledged to any client (stale-read bound) and the session's own
 * last acknowledged write to it (read-your-writes bound); at completion it compares the
 * version returned, and the newest version the session had read (monotonic reads).
 */
export class ConsistencyChecker {
  /**
   * One record of `stride` float64s per key, so that a write touches one cache line of the
   * checker rather than four (the tables outgrow the CPU caches at 100,000 keys):
   * f64[r] = newest version acknowledged to a client; i32[2r + 2] = its keySeq;
   * i32[2r + 3] = newest keySeq committed; f64[r + 2 …] = commit time of the last `ring`
   * versions, by keySeq mod ring.
   */
  private readonly f64: Float64Array;
  private readonly i32: Int32Array;
  private readonly stride: number;
  private readonly ring: number;
  private readonly ownWrites = new Map<number, Map<number, number>>();
  private readonly seenReads = new Map<number, Map<number, number>>();
  private readonly pending = new Map<number, Expectation>();

  stale = 0;
  rywViolations = 0;
  monotonicViolations = 0;
  readonly versionsBehind = new Histogram();
  readonly timeBehindUs = new Histogram();
  readonly last: ReadVerdict = { required: 0, stale: false, versionsBehind: 0, timeBehindUs: 0, rywViolation: false, monotonicViolation: false };

  constructor(
    keyCount: number,
    /** First global session number of each group. */
    private readonly sessionBase: number[],
    /**
     * Whether each group's sessions ever read. Own writes are remembered only for those:
     * a session that never reads cannot violate read-your-writes, and remembering every
     * key it wrote would grow with the run.
     */
    private readonly groupReads: boolean[],
  ) {
    this.ring = keyCount <= 65536 ? 16 : 2; // a power of two: slots are keySeq & (ring − 1)
    this.stride = 2 + this.ring;
    const buffer = new ArrayBuffer(keyCount * this.stride * 8);
    this.f64 = new Float64Array(buffer);
    this.i32 = new Int32Array(buffer);
  }

  committed(entry: LogEntry): void {
    const r = entry.key * this.stride;
    this.f64[r + 2 + (entry.keySeq & (this.ring - 1))] = entry.commitUs;
    if (entry.keySeq > this.i32[2 * r + 3]) this.i32[2 * r + 3] = entry.keySeq;
  }

  acked(op: WriteOp): void {
    const r = op.key * this.stride;
    if (op.version > this.f64[r]) {
      this.f64[r] = op.version;
      this.i32[2 * r + 2] = op.keySeq;
    }
    if (!this.groupReads[op.groupIndex]) return;
    const session = this.sessionBase[op.groupIndex] + op.session;
    let own = this.ownWrites.get(session);
    if (!own) this.ownWrites.set(session, (own = new Map()));
    if (op.version > (own.get(op.key) ?? 0)) own.set(op.key, op.version);
  }

  issued(op: ReadOp): void {
    const session = this.sessionBase[op.groupIndex] + op.session;
    const r = op.key * this.stride;
    this.pending.set(op.id, {
      required: this.f64[r],
      requiredSeq: this.i32[2 * r + 2],
      own: this.ownWrites.get(session)?.get(op.key) ?? 0,
      seen: this.seenReads.get(session)?.get(op.key) ?? 0,
    });
  }

  /** The stale-read bound noted when `op` was issued. */
  requiredFor(op: ReadOp): number {
    return this.pending.get(op.id)?.required ?? 0;
  }

  abandoned(op: ReadOp): void {
    this.pending.delete(op.id);
  }

  /** Judges a completed read; the verdict is left in `last`. */
  completed(op: ReadOp): ReadVerdict {
    const exp = this.pending.get(op.id)!;
    this.pending.delete(op.id);
    const v = this.last;
    v.required = exp.required;
    v.stale = op.version < exp.required;
    v.versionsBehind = 0;
    v.timeBehindUs = 0;
    if (v.stale) {
      this.stale++;
      v.versionsBehind = Math.max(1, exp.requiredSeq - op.keySeq);
      v.timeBehindUs = Math.max(0, op.servedUs - this.supersededAt(op.key, op.keySeq));
      this.versionsBehind.record(v.versionsBehind);
      this.timeBehindUs.record(v.timeBehindUs);
    }
    v.rywViolation = op.version < exp.own;
    if (v.rywViolation) this.rywViolations++;
    const session = this.sessionBase[op.groupIndex] + op.session;
    let seen = this.seenReads.get(session);
    if (!seen) this.seenReads.set(session, (seen = new Map()));
    // "Already read" means completed before this read was issued: two reads of one session in
    // flight at once are not ordered, so neither can go backwards relative to the other.
    v.monotonicViolation = op.version < exp.seen;
    if (v.monotonicViolation) this.monotonicViolations++;
    if (op.version > (seen.get(op.key) ?? 0)) seen.set(op.key, op.version);
    return v;
  }

  /**
   * Forgets session memories at or below `floor`, a version every node has applied: no node
   * can return anything older, so they can never be violated again. Keeps memory bounded by
   * what is still in flight rather than by everything ever read or written.
   */
  prune(floor: number): void {
    for (const memory of [this.ownWrites, this.seenReads]) {
      for (const [session, byKey] of memory) {
        for (const [key, version] of byKey) if (version <= floor) byKey.delete(key);
        if (byKey.size === 0) memory.delete(session);
      }
    }
  }

  /**
   * When the version after `keySeq` was committed: the moment the value returned stopped
   * being current. If the ring no longer holds it, the oldest commit it holds is used, which
   * understates the time behind.
   */
  private supersededAt(key: number, keySeq: number): number {
    const r = key * this.stride;
    const wanted = Math.max(keySeq + 1, this.i32[2 * r + 3] - this.ring + 1);
    return this.f64[r + 2 + (wanted & (this.ring - 1))];
  }
}
