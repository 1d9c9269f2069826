/**
 * One node's per-key state: the version it serves, which write of the key that was
 * (keySeq), and — while the node is the primary — the keySeq of the newest entry for the key
 * in its log, which numbers the key's next write. The three live side by side in one 16-byte
 * record.
 *
 * Every node's record of a key sits next to the others' (`keyTables` lays them out
 * key-major, one buffer for the whole cluster): a write touches its key on the primary and
 * then on every replica within milliseconds, so all of them find the key's cache lines and
 * page already at hand. With one table per node, 100,000 keys and ten nodes, each of those
 * touches was a cache miss and a TLB miss of its own in 16 MB of tables.
 */
export class KeyTable {
  /** Record r: f64[2r] = version; i32[4r + 2] = keySeq; i32[4r + 3] = logKeySeq. */
  private readonly f64: Float64Array;
  private readonly i32: Int32Array;

  /** `key`'s record is record key · stride + offset of `buffer` (see `keyTables`). */
  constructor(
    readonly keyCount: number,
    buffer: ArrayBuffer,
    private readonly stride: number,
    private readonly offset: number,
  ) {
    this.f64 = new Float64Array(buffer);
    this.i32 = new Int32Array(buffer);
  }

  /** Version of `key` as the node serves it (0 = never written). */
  version(key: number): number {
    return this.f64[(key * this.stride + this.offset) * 2];
  }

  keySeq(key: number): number {
    return this.i32[(key * this.stride + this.offset) * 4 + 2];
  }

  logKeySeq(key: number): number {
    return this.i32[(key * this.stride + this.offset) * 4 + 3];
  }

  /** An entry became visible: the node now serves `version`, the `keySeq`th write of `key`. */
  setApplied(key: number, version: number, keySeq: number): void {
    const r = key * this.stride + this.offset;
    this.f64[r * 2] = version;
    this.i32[r * 4 + 2] = keySeq;
  }

  setLogKeySeq(key: number, keySeq: number): void {
    this.i32[(key * this.stride + this.offset) * 4 + 3] = keySeq;
  }

  /** Every key's log keySeq becomes its applied keySeq (then the caller adds the unapplied tail). */
  resetLogKeySeqs(): void {
    for (let k = 0; k < this.keyCount; k++) this.setLogKeySeq(k, this.keySeq(k));
  }

  /** A copy of every key's (version, keySeq), e.g. to send to a node that rolls back. */
  values(): { versions: Float64Array; keySeqs: Int32Array } {
    const keySeqs = new Int32Array(this.keyCount);
    for (let k = 0; k < this.keyCount; k++) keySeqs[k] = this.keySeq(k);
    return { versions: this.versions(), keySeqs };
  }

  /** Every key's version, for tests and tools. */
  versions(): Float64Array {
    const out = new Float64Array(this.keyCount);
    for (let k = 0; k < this.keyCount; k++) out[k] = this.version(k);
    return out;
  }
}

/** The tables of `nodeCount` nodes in one buffer, each key's records side by side. */
export function keyTables(keyCount: number, nodeCount: number): KeyTable[] {
  const buffer = new ArrayBuffer(keyCount * nodeCount * 16);
  return Array.from({ length: nodeCount }, (_, node) => new KeyTable(keyCount, buffer, nodeCount, node));
}
