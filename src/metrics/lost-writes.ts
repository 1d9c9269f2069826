import type { LostWriteCause } from '../model/trace.ts';
import { TermHistory } from './term-history.ts';

/** A committed write that the checker found outside the surviving history. */
export interface LostWrite {
  op: number;
  lsn: number;
  term: number;
  /** The primary that committed it (the node of its term). */
  node: string;
  cause: LostWriteCause;
}

export interface LostWriteListener {
  /** A committed write (acknowledged or not, yet) left the surviving history. */
  writeLost(write: LostWrite, now: number): void;
  /** The number of lost acknowledged writes charged to `tag` changed by `delta` (±1). */
  lostAcknowledgedChanged(tag: number, delta: number): void;
}

const ACKED = 1;
const LOST = 2;
/** A slot for an LSN the term's primary never committed (a gap; defensive only). */
const EMPTY = 4;

/** Every write one term's primary committed, indexed by lsn - firstLsn (one primary per term). */
interface TermCommits {
  term: number;
  node: number;
  firstLsn: number;
  n: number;
  ops: Uint32Array;
  state: Uint8Array;
  /** For lost acknowledged writes (few): index → the tag they were charged to. */
  tag: Map<number, number>;
}

/**
 * The lost-write checker (DESIGN.md "lost write"): an acknowledged write is lost when it is not
 * in the history of the primary that finally survives. It decides this only from what it
 * observed — which node committed or received which (lsn, term), which logs were truncated
 * where, which writes were acknowledged, which node is the primary — never from a verdict of
 * the model, in the way Jepsen's and TigerBeetle's checkers judge a history.
 *
 * It keeps, per node, a TermHistory of that node's log, and per term the writes its primary
 * committed (5 bytes each in typed arrays: 5 MB per million writes). The "surviving" primary is the newest one the
 * cluster promoted; the invariant after every call is: a committed write is marked lost iff
 * the surviving primary's history lacks it. So a loss is found as soon as it is observable —
 * when a primary whose history lacks the write is promoted, when a write is committed or
 * acknowledged on a branch the surviving primary lacks, or when the surviving primary's own
 * log is truncated past it — and at the end of the run the count is exactly the definition.
 * (If a later primary's history holds a write again, its loss is taken back.)
 */
export class LostWriteChecker {
  lostAcknowledged = 0;
  /** What newly lost acknowledged writes are charged to (the report's failover index; -1 = none). */
  tag = -1;
  private readonly histories: TermHistory[];
  private readonly byTerm = new Map<number, TermCommits>();
  private readonly terms: TermCommits[] = [];
  private survivor = -1;

  constructor(
    private readonly nodeIds: readonly string[],
    private readonly listener?: LostWriteListener,
  ) {
    this.histories = nodeIds.map(() => new TermHistory());
  }

  /** Node `node` (an index into nodeIds) is the primary now; null-like -1 keeps the last one. */
  primaryChanged(node: number, now: number): void {
    if (node < 0 || node === this.survivor) return;
    this.survivor = node;
    for (const tc of this.terms) this.recheck(tc, 0, 'not-in-surviving-history', now);
  }

  /** A primary committed op as (lsn, term). */
  committed(node: number, lsn: number, term: number, op: number, now: number): void {
    this.appendTo(node, lsn, term, now);
    const tc = this.slot(term, node, lsn);
    const i = lsn - tc.firstLsn;
    tc.ops[i] = op;
    tc.state[i] = 0;
    this.judge(tc, i, 'not-in-surviving-history', now);
  }

  /** A replica appended (lsn, term) to its log. */
  received(node: number, lsn: number, term: number, now: number): void {
    this.appendTo(node, lsn, term, now);
  }

  /** Node `node`'s log now ends at `toLsn`: a crash lost unflushed entries, or a rollback. */
  truncated(node: number, toLsn: number, now: number): void {
    if (toLsn >= this.histories[node].lastLsn) return;
    this.histories[node].truncate(toLsn);
    if (node !== this.survivor) return;
    for (const tc of this.terms) this.recheck(tc, Math.max(0, toLsn + 1 - tc.firstLsn), 'rolled-back', now);
  }

  /** A client received success for the write committed as (lsn, term). */
  acked(lsn: number, term: number): void {
    const tc = this.byTerm.get(term);
    const i = tc ? lsn - tc.firstLsn : -1;
    if (!tc || i < 0 || i >= tc.n || tc.state[i] & (EMPTY | ACKED)) return;
    tc.state[i] |= ACKED;
    if (tc.state[i] & LOST) this.charge(tc, i, +1);
  }

  /** Whether node `node`'s history (as observed) holds the entry (lsn, term). */
  holds(node: number, lsn: number, term: number): boolean {
    return this.histories[node].holds(lsn, term);
  }

  /** Whether the write committed as (lsn, term) is currently judged lost. */
  isLost(lsn: number, term: number): boolean {
    const tc = this.byTerm.get(term);
    const i = tc ? lsn - tc.firstLsn : -1;
    return tc !== undefined && i >= 0 && i < tc.n && (tc.state[i] & LOST) !== 0;
  }

  private appendTo(node: number, lsn: number, term: number, now: number): void {
    // Appending where the log already reaches replaces what it held from there on.
    if (lsn <= this.histories[node].lastLsn) this.truncated(node, lsn - 1, now);
    this.histories[node].append(lsn, term);
  }

  /** Re-judges term tc's writes from index `from` on against the surviving history. */
  private recheck(tc: TermCommits, from: number, cause: LostWriteCause, now: number): void {
    for (let i = from; i < tc.n; i++) this.judge(tc, i, cause, now);
  }

  private judge(tc: TermCommits, i: number, cause: LostWriteCause, now: number): void {
    const s = tc.state[i];
    if (s & EMPTY || this.survivor < 0) return;
    const held = this.histories[this.survivor].holds(tc.firstLsn + i, tc.term);
    if (!held && !(s & LOST)) {
      tc.state[i] = s | LOST;
      this.listener?.writeLost({ op: tc.ops[i], lsn: tc.firstLsn + i, term: tc.term, node: this.nodeIds[tc.node], cause }, now);
      if (s & ACKED) this.charge(tc, i, +1);
    } else if (held && s & LOST) {
      tc.state[i] = s & ~LOST;
      if (s & ACKED) this.charge(tc, i, -1);
    }
  }

  private charge(tc: TermCommits, i: number, delta: number): void {
    if (delta > 0) tc.tag.set(i, this.tag);
    const tag = tc.tag.get(i) ?? -1;
    if (delta < 0) tc.tag.delete(i);
    this.lostAcknowledged += delta;
    this.listener?.lostAcknowledgedChanged(tag, delta);
  }

  /** The slot for (term, lsn), growing the term's arrays as needed. */
  private slot(term: number, node: number, lsn: number): TermCommits {
    let tc = this.byTerm.get(term);
    if (!tc || lsn < tc.firstLsn) {
      // A new term (or, defensively, a term restarting below its first LSN).
      tc = { term, node, firstLsn: lsn, n: 0, ops: new Uint32Array(64), state: new Uint8Array(64), tag: new Map() };
      const old = this.byTerm.get(term);
      if (old) this.terms.splice(this.terms.indexOf(old), 1);
      this.byTerm.set(term, tc);
      this.terms.push(tc);
    }
    const i = lsn - tc.firstLsn;
    if (i >= tc.ops.length) grow(tc, i + 1);
    for (let k = tc.n; k < i; k++) tc.state[k] = EMPTY;
    if (i >= tc.n) tc.n = i + 1;
    return tc;
  }
}

function grow(tc: TermCommits, atLeast: number): void {
  let size = tc.ops.length * 2;
  while (size < atLeast) size *= 2;
  const ops = new Uint32Array(size);
  ops.set(tc.ops);
  const state = new Uint8Array(size);
  state.set(tc.state);
  tc.ops = ops;
  tc.state = state;
}
