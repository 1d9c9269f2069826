import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { LogStore } from '../../src/model/log-store.ts';
import type { LogEntry } from '../../src/model/log-entry.ts';

const entry = (lsn: number, term: number) => ({ lsn, term, commitUs: lsn * 10 + term }) as LogEntry;

/** The obvious model: a plain array of every entry held, and the LSN of the first. */
class Reference {
  held: LogEntry[] = [];
  firstLsn = 1;
  /** The newest entry pruned, if any since the last reset. */
  pruned: LogEntry | undefined;
  get lastLsn() {
    return this.firstLsn + this.held.length - 1;
  }
  /** The newest entry held, else the newest pruned: a pruned log still knows where it ends. */
  get newest() {
    return this.held.at(-1) ?? this.pruned;
  }
  at(lsn: number) {
    return lsn < this.firstLsn ? undefined : this.held[lsn - this.firstLsn];
  }
}

const op = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('append' as const), n: fc.integer({ min: 1, max: 700 }), term: fc.integer({ min: 1, max: 3 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('prune' as const), back: fc.integer({ min: -5, max: 800 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('truncate' as const), back: fc.integer({ min: -5, max: 800 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('reset' as const), ahead: fc.integer({ min: 0, max: 50 }) }) },
);

describe('LogStore', () => {
  it('behaves like a plain array of entries through appends, prunes, rollbacks and resets, across ring growth, and remembers where a pruned log ends', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 40 }), (ops) => {
        const log = new LogStore();
        const ref = new Reference();
        for (const o of ops) {
          if (o.kind === 'append') {
            for (let i = 0; i < o.n; i++) {
              const e = entry(ref.lastLsn + 1, o.term);
              log.append(e);
              ref.held.push(e);
            }
          } else if (o.kind === 'prune') {
            const lsn = ref.lastLsn - o.back;
            log.pruneThrough(lsn);
            const drop = Math.max(0, Math.min(lsn - ref.firstLsn + 1, ref.held.length));
            if (drop > 0) ref.pruned = ref.held[drop - 1];
            ref.held.splice(0, drop);
            ref.firstLsn += drop;
          } else if (o.kind === 'truncate') {
            const lsn = ref.lastLsn - o.back;
            const keep = Math.max(0, lsn - ref.firstLsn + 1);
            const want = ref.held.splice(keep);
            expect(log.truncateAfter(lsn)).toEqual(want);
          } else {
            const next = ref.lastLsn + 1 + o.ahead;
            log.resetTo(next);
            ref.held = [];
            ref.firstLsn = next;
            ref.pruned = undefined;
          }
          expect([log.firstLsn, log.lastLsn, log.lastTerm, log.lastCommitUs]).toEqual([
            ref.firstLsn,
            ref.lastLsn,
            ref.newest?.term ?? 0,
            ref.newest?.commitUs ?? 0,
          ]);
          expect(log.last()).toBe(ref.at(ref.lastLsn));
          // Both ends, and every 37th entry between them (enough to catch a misplaced slot).
          const probes = [];
          for (let d = -3; d <= 3; d++) probes.push(ref.firstLsn + d, ref.lastLsn + d);
          for (let lsn = ref.firstLsn; lsn <= ref.lastLsn; lsn += 37) probes.push(lsn);
          for (const lsn of probes) expect(log.at(lsn)).toBe(ref.at(lsn));
        }
      }),
      { seed: 4, numRuns: 100 },
    );
  });
});
