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
  /** For lost acknowledged writes (few): LSN → the tag they were charged to. */
  tag: Map<number, number>;
}

/** How often (in commits) the checker forgets writes whose verdict can no longer change. */
const PRUNE_EVERY_COMMITS = 4096;

/**
 * The lost-write checker (DESIGN.md "lost write"): an acknowledged write is lost when it is not
 * in the history of the primary that finally survives. It decides this only from what it
 * observed — which node committed or received which (lsn, term), which logs were truncated
 * where, which writes were acknowledged, which node is the primary — never from a verdict of
 * the model, in the way Jepsen's and TigerBeetle's checkers judge a history.
 *
 * It keeps, per node, a TermHistory of that node's log, and per term the writes its primary
 * committed (5 bytes each in typed arrays). The "surviving" primary is the newest one the
 * cluster promoted; the invariant after every call is: a committed write is marked lost iff
 * the surviving primary's history lacks it. So a loss is found as soon as it is observable —
 * when a primary whose history lacks the write is promoted, when a write is committed or
 * acknowledged on a branch the surviving primary lacks, or when the surviving primary's own
 * log is truncated past it — and at the end of the run the count is exactly the definition.
 * (If a later primary's history holds a write again, its loss is taken back.)
 *
 * Memory stays flat: once every node holds the same history up to LSN x and has applied it,
 * no log can lose those entries any more (applied entries are durable, and a rollback keeps
 * the prefix a node shares with the primary), so the verdicts up to x are final and the
 * checker forgets those writes, as the model prunes its logs. A late acknowledgement of a
 * forgotten write is judged against the shared history directly. (A node that diverged and
 * never comes back holds this point still: it could yet be promoted.)
 */
export class LostWriteChecker {
  lostAcknowledged = 0;
  /** What newly lost acknowledged writes are charged to (the report's failover index; -1 = none). */
  tag = -1;
  private readonly histories: TermHistory[];
  private readonly byTerm = new Map<number, TermCommits>();
  private readonly terms: TermCommits[] = [];
  private survivor = -1;
  /** Per node: the newest LSN it has applied (a primary applies what it commits). */
  private readonly appliedLsn: number[];
  /** Verdicts of LSNs up to here are final and their writes forgotten. */
  private settledLsn = 0;
  /** Verdicts of writes at LSNs up to here can no longer change. */
  get settledThroughLsn(): number {
    return this.settledLsn;
  }
  private commitsSincePrune = 0;

  constructor(
    private readonly nodeIds: readonly string[],
    private readonly listener?: LostWriteListener,
    private readonly pruneEveryCommits = PRUNE_EVERY_COMMITS,
  ) {
    this.histories = nodeIds.map(() => new TermHistory());
    this.appliedLsn = nodeIds.map(() => 0);
  }

  /** Node `node` (an index into nodeIds) is the primary now; null-like -1 keeps the last one. */
  primaryChanged(node: number, now: number): void {
    if (node < 0 || node === this.survivor) return;
    this.survivor = node;
    for (const tc of this.terms) this.recheck(tc, 0, 'abandoned-branch', now);
  }

  /** A primary committed op as (lsn, term). */
  committed(node: number, lsn: number, term: number, op: number, now: number): void {
    this.appendTo(node, lsn, term, now);
    const tc = this.slot(term, node, lsn);
    const i = lsn - tc.firstLsn;
    tc.ops[i] = op;
    tc.state[i] = 0;
    this.appliedLsn[node] = lsn;
    this.judge(tc, i, 'abandoned-branch', now);
    if (++this.commitsSincePrune >= this.pruneEveryCommits) this.prune();
  }

  /** A node applied the entry at `lsn` (in order). */
  applied(node: number, lsn: number): void {
    if (lsn > this.appliedLsn[node]) this.appliedLsn[node] = lsn;
  }

  /** A replica appended (lsn, term) to its log. */
  received(node: number, lsn: number, term: number, now: number): void {
    this.appendTo(node, lsn, term, now);
  }

  /** Node `node`'s log now ends at `toLsn`: a crash lost unflushed entries, or a rollback. */
  truncated(node: number, toLsn: number, now: number): void {
    if (toLsn >= this.histories[node].lastLsn) return;
    this.histories[node].truncate(toLsn);
    if (this.appliedLsn[node] > toLsn) this.appliedLsn[node] = toLsn;
    if (node !== this.survivor) return;
    for (const tc of this.terms) this.recheck(tc, Math.max(0, toLsn + 1 - tc.firstLsn), 'rolled-back', now);
  }

  /** A client received success for the write committed as (lsn, term). */
  acked(lsn: number, term: number): void {
    if (lsn <= this.settledLsn) {
      // Forgotten, its verdict final: lost iff the history every node shares lacks it.
      if (this.survivor >= 0 && !this.histories[this.survivor].holds(lsn, term)) this.chargeSettled();
      return;
    }
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
    if (lsn <= this.settledLsn) return this.survivor >= 0 && !this.histories[this.survivor].holds(lsn, term);
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
    const lsn = tc.firstLsn + i;
    if (delta > 0) tc.tag.set(lsn, this.tag);
    const tag = tc.tag.get(lsn) ?? -1;
    if (delta < 0) tc.tag.delete(lsn);
    this.lostAcknowledged += delta;
    this.listener?.lostAcknowledgedChanged(tag, delta);
  }

  private chargeSettled(): void {
    this.lostAcknowledged++;
    this.listener?.lostAcknowledgedChanged(this.tag, 1);
  }

  /** Forgets the writes at LSNs every node holds alike and has applied (see the class comment). */
  prune(): void {
    this.commitsSincePrune = 0;
    let settled = Infinity;
    for (let n = 0; n < this.histories.length; n++) {
      settled = Math.min(settled, this.appliedLsn[n], this.histories[0].firstDifference(this.histories[n]) - 1);
    }
    if (!(settled > this.settledLsn)) return;
    this.settledLsn = settled;
    for (let k = this.terms.length - 1; k >= 0; k--) {
      const tc = this.terms[k];
      const drop = Math.min(tc.n, settled + 1 - tc.firstLsn);
      if (drop <= 0) continue;
      if (drop === tc.n) {
        this.terms.splice(k, 1);
        this.byTerm.delete(tc.term);
        continue;
      }
      tc.ops.copyWithin(0, drop, tc.n);
      tc.state.copyWithin(0, drop, tc.n);
      tc.firstLsn += drop;
      tc.n -= drop;
      for (const lsn of tc.tag.keys()) if (lsn < tc.firstLsn) tc.tag.delete(lsn);
    }
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
