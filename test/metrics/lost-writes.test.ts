import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LostWriteChecker, type LostWrite } from '../../src/metrics/lost-writes.ts';
import { TermHistory } from '../../src/metrics/term-history.ts';

/**
 * The lost-write checker against a brute-force reference over random histories: full logs
 * per node, and after every step the definition applied directly — a committed write is lost
 * iff the surviving primary's log lacks its (lsn, term); acknowledged lost writes are the
 * count. Steps: commits (by every node that still thinks it is primary: split brain), log
 * shipping from each replica's upstream, acknowledgements (in any order, also of doomed
 * writes), promotions, repoints with rollback to the common prefix, and crashes that lose a
 * log's tail — including the surviving primary's, so a loss found by truncation is covered.
 *
 * A second run obeys durability as the model does (a node applies entries in order; a crash
 * loses only what it had not applied; a primary applies what it commits, a candidate its
 * whole log) with the checker pruning often, so forgetting settled writes is covered too.
 */
const NODES = 3;

type Step =
  | { kind: 'commit'; node: number }
  | { kind: 'receive'; node: number }
  | { kind: 'ack'; pick: number }
  | { kind: 'promote'; node: number }
  | { kind: 'repoint'; node: number }
  | { kind: 'crash'; node: number; keep: number }
  | { kind: 'apply'; node: number };

const nodeArb = fc.integer({ min: 0, max: NODES - 1 });
const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 5, arbitrary: nodeArb.map((node) => ({ kind: 'commit' as const, node })) },
  { weight: 5, arbitrary: nodeArb.map((node) => ({ kind: 'receive' as const, node })) },
  { weight: 5, arbitrary: fc.nat().map((pick) => ({ kind: 'ack' as const, pick })) },
  { weight: 2, arbitrary: nodeArb.map((node) => ({ kind: 'promote' as const, node })) },
  { weight: 2, arbitrary: nodeArb.map((node) => ({ kind: 'repoint' as const, node })) },
  { weight: 1, arbitrary: fc.record({ node: nodeArb, keep: fc.nat() }).map((c) => ({ kind: 'crash' as const, ...c })) },
  { weight: 5, arbitrary: nodeArb.map((node) => ({ kind: 'apply' as const, node })) },
);

interface Commit {
  op: number;
  lsn: number;
  term: number;
  node: number;
}

/** The world as the reference sees it: whole logs, no cleverness. */
class Reference {
  logs: Commit[][] = Array.from({ length: NODES }, () => []);
  /** The term each node commits in while it believes it is primary; -1 = replica. */
  primaryTerm = [1, ...Array<number>(NODES - 1).fill(-1)];
  upstream = [-1, ...Array<number>(NODES - 1).fill(0)];
  survivor = 0;
  term = 1;
  commits: Commit[] = [];
  acked = new Set<number>();
  applied = Array<number>(NODES).fill(0);

  holds(node: number, lsn: number, term: number): boolean {
    return this.logs[node][lsn - 1]?.term === term;
  }
  lost(c: Commit): boolean {
    return !this.holds(this.survivor, c.lsn, c.term);
  }
  commonPrefix(a: number, b: number): number {
    let lsn = Math.min(this.logs[a].length, this.logs[b].length);
    while (lsn > 0 && this.logs[a][lsn - 1].term !== this.logs[b][lsn - 1].term) lsn--;
    return lsn;
  }
}

/** `durable`: crashes keep what was applied, and the checker prunes every `pruneEvery` commits. */
function runHistory(steps: Step[], durable = false, pruneEvery = 4096): void {
  const ref = new Reference();
  const reported = new Set<number>();
  const charged = new Map<number, number>();
  const causes = new Set<string>();
  let promotions = 0;
  const chargedTo = new Map<number, number>();
  const checker = new LostWriteChecker(['n0', 'n1', 'n2'], {
    writeLost(w: LostWrite) {
      // Reported once per time it leaves the surviving history, with the committing node.
      expect(reported.has(w.op)).toBe(false);
      reported.add(w.op);
      causes.add(w.cause);
      const c = ref.commits[w.op - 1];
      expect(w).toMatchObject({ lsn: c.lsn, term: c.term, node: `n${c.node}` });
    },
    lostAcknowledgedChanged(tag: number, delta: number) {
      charged.set(tag, (charged.get(tag) ?? 0) + delta);
    },
  }, pruneEvery);
  checker.primaryChanged(0, 0);
  let now = 0;
  for (const step of steps) {
    now += 10;
    const n = 'node' in step ? step.node : -1;
    switch (step.kind) {
      case 'commit': {
        if (ref.primaryTerm[n] < 0) break;
        const c = { op: ref.commits.length + 1, lsn: ref.logs[n].length + 1, term: ref.primaryTerm[n], node: n };
        ref.logs[n].push(c);
        ref.commits.push(c);
        ref.applied[n] = c.lsn;
        checker.committed(n, c.lsn, c.term, c.op, now);
        break;
      }
      case 'receive': {
        const from = ref.upstream[n];
        if (ref.primaryTerm[n] >= 0 || from < 0 || ref.logs[n].length >= ref.logs[from].length) break;
        const e = ref.logs[from][ref.logs[n].length];
        ref.logs[n].push(e);
        checker.received(n, e.lsn, e.term, now);
        break;
      }
      case 'ack': {
        if (ref.commits.length === 0) break;
        const c = ref.commits[step.pick % ref.commits.length];
        if (ref.acked.has(c.op)) break;
        ref.acked.add(c.op);
        checker.acked(c.lsn, c.term);
        break;
      }
      case 'promote': {
        if (ref.primaryTerm[n] >= 0) break;
        ref.primaryTerm[n] = ++ref.term;
        ref.upstream[n] = -1;
        // It applies its whole log before taking writes.
        for (let lsn = ref.applied[n] + 1; lsn <= ref.logs[n].length; lsn++) checker.applied(n, lsn);
        ref.applied[n] = ref.logs[n].length;
        ref.survivor = n;
        checker.tag = promotions++;
        checker.primaryChanged(n, now);
        break;
      }
      case 'repoint': {
        if (n === ref.survivor) break;
        ref.primaryTerm[n] = -1;
        ref.upstream[n] = ref.survivor;
        const fork = ref.commonPrefix(n, ref.survivor);
        if (fork < ref.logs[n].length) {
          ref.logs[n].length = fork;
          ref.applied[n] = Math.min(ref.applied[n], fork);
          checker.truncated(n, fork, now);
        }
        break;
      }
      case 'apply': {
        if (!durable || ref.applied[n] >= ref.logs[n].length) break;
        checker.applied(n, ++ref.applied[n]);
        break;
      }
      case 'crash': {
        const floor = durable ? ref.applied[n] : 0;
        const keep = floor + (step.keep % (ref.logs[n].length - floor + 1));
        if (keep === ref.logs[n].length) break;
        ref.logs[n].length = keep;
        ref.applied[n] = Math.min(ref.applied[n], keep);
        checker.truncated(n, keep, now);
        // A primary that lost its tail stops taking writes (it would reuse LSNs of its term).
        if (ref.primaryTerm[n] >= 0) {
          ref.primaryTerm[n] = -1;
          ref.upstream[n] = n === ref.survivor ? -1 : ref.survivor;
        }
        break;
      }
    }
    // After every step, the checker's verdicts are the definition's.
    const lostNow = new Set(ref.commits.filter((c) => ref.lost(c)).map((c) => c.op));
    const wrong: string[] = [];
    for (const c of ref.commits) {
      if (checker.isLost(c.lsn, c.term) !== ref.lost(c)) wrong.push(`op ${c.op} (lsn ${c.lsn}, term ${c.term}) lost: ${ref.lost(c)}`);
      for (let node = 0; node < NODES; node++) {
        if (checker.holds(node, c.lsn, c.term) !== ref.holds(node, c.lsn, c.term)) wrong.push(`n${node} holds (lsn ${c.lsn}, term ${c.term}): ${ref.holds(node, c.lsn, c.term)}`);
      }
    }
    const lostAcked = [...lostNow].filter((op) => ref.acked.has(op)).length;
    // Each lost acknowledged write is charged to the failover current when it was found.
    for (const op of chargedTo.keys()) if (!lostNow.has(op) || !ref.acked.has(op)) chargedTo.delete(op);
    for (const op of lostNow) if (ref.acked.has(op) && !chargedTo.has(op)) chargedTo.set(op, promotions - 1);
    const perTag = new Map<number, number>();
    for (const tag of chargedTo.values()) perTag.set(tag, (perTag.get(tag) ?? 0) + 1);
    for (const [tag, count] of charged) if (count !== (perTag.get(tag) ?? 0)) wrong.push(`tag ${tag} charged ${count}, want ${perTag.get(tag) ?? 0}`);
    // A write back in the surviving history may be reported again if it leaves it again.
    for (const op of reported) if (!lostNow.has(op)) reported.delete(op);
    for (const op of lostNow) if (!reported.has(op)) wrong.push(`op ${op} lost but not reported`);
    // One expect per step: fast-check runs thousands of steps.
    expect({ wrong, lostAcknowledged: checker.lostAcknowledged, charged: [...charged.values()].reduce((s, v) => s + v, 0) }, `after ${step.kind}`).toEqual({
      wrong: [],
      lostAcknowledged: lostAcked,
      charged: lostAcked,
    });
  }
  for (const cause of causes) expect(['abandoned-branch', 'rolled-back']).toContain(cause);
}

describe('LostWriteChecker against a brute-force reference (fast-check)', () => {
  // ~1.5 s on an idle core; the budget allows for a busy 2-core machine.
  it('after every step, lost = committed writes the surviving primary lacks; the count = acknowledged ones', { timeout: 30_000 }, () => {
    fc.assert(fc.property(fc.array(stepArb, { minLength: 10, maxLength: 150, size: 'max' }), (steps) => runHistory(steps)), { seed: 2020, numRuns: 300 });
  });

  it('the same with durable logs and frequent pruning: forgetting settled writes changes no verdict', { timeout: 30_000 }, () => {
    fc.assert(
      fc.property(fc.array(stepArb, { minLength: 10, maxLength: 150, size: 'max' }), fc.integer({ min: 1, max: 4 }), (steps, pruneEvery) => runHistory(steps, true, pruneEvery)),
      { seed: 2021, numRuns: 300 },
    );
  });

  it('a split brain: the deposed primary\'s writes after the promotion are lost as they commit, and counted when acknowledged', () => {
    const found: LostWrite[] = [];
    const c = new LostWriteChecker(['a', 'b'], { writeLost: (w) => found.push(w), lostAcknowledgedChanged: () => {} });
    c.primaryChanged(0, 0);
    c.committed(0, 1, 1, 101, 1);
    c.received(1, 1, 1, 2);
    c.acked(1, 1);
    c.committed(0, 2, 1, 102, 3); // b never receives it
    c.primaryChanged(1, 4); // b promoted: lsn 2 of term 1 is not in its history
    expect(found.map((w) => [w.op, w.cause, w.node])).toEqual([[102, 'abandoned-branch', 'a']]);
    expect(c.lostAcknowledged).toBe(0); // not acknowledged yet
    c.committed(0, 3, 1, 103, 5); // a does not know it was deposed
    expect(found.map((w) => w.op)).toEqual([102, 103]);
    c.acked(2, 1);
    c.acked(3, 1);
    c.acked(1, 1); // a duplicate ack changes nothing
    expect(c.lostAcknowledged).toBe(2);
    c.committed(1, 2, 2, 104, 6);
    c.acked(2, 2);
    expect(c.lostAcknowledged).toBe(2);
  });

  it('an entry appended below a log\'s end replaces its tail, as a truncation would', () => {
    const h = new TermHistory();
    for (let lsn = 1; lsn <= 5; lsn++) h.append(lsn, lsn <= 3 ? 1 : 2);
    h.append(3, 3); // as if told nothing of the node losing LSNs 3–5
    expect([h.lastLsn, h.termAt(2), h.termAt(3), h.termAt(4)]).toEqual([3, 1, 3, -1]);
    const c = new LostWriteChecker(['a'], { writeLost: () => {}, lostAcknowledgedChanged: () => {} });
    c.primaryChanged(0, 0);
    c.committed(0, 1, 1, 1, 1);
    c.committed(0, 2, 1, 2, 2);
    c.acked(2, 1);
    c.committed(0, 2, 2, 3, 3); // the surviving primary's LSN 2 now belongs to term 2
    expect([c.isLost(2, 1), c.lostAcknowledged]).toEqual([true, 1]);
  });
});
