import { describe, expect, it } from 'vitest';
import { runTraced } from '../model/helpers.ts';
import { phantomSplitBrain } from './phantom-scenario.ts';
import type { LostWriteChecker } from '../../src/metrics/lost-writes.ts';
import { PhantomReads } from '../../src/metrics/phantom-reads.ts';
import { makeVersion } from '../../src/model/version.ts';

/**
 * Phantom reads (reads.phantom): reads that returned a version whose write is lost.
 *
 * Split brain under semi-sync: at 5 s the primary p is cut off from its replica r and from the
 * failover manager, but not from its clients. The manager promotes r; the clients never hear
 * of it and keep writing to, and reading from, p. Every write p commits after the cut is
 * outside r's history, so it is lost. With AFTER_COMMIT such a write is visible on p at
 * commit, before any replica has it, so every read of it on p is a phantom; with AFTER_SYNC it
 * stays invisible while p waits for r's acknowledgement (the timeout is longer than the run),
 * so no read can return it.
 *
 * Expected count, from the trace without the checker: the reads p served that returned an LSN
 * newer than the last entry r received before the cut (one key, so every such read returned a
 * post-cut write).
 */
const scenario = (waitPoint: 'after-commit' | 'after-sync') => phantomSplitBrain(waitPoint, '20s');

describe('phantom reads', () => {
  it('AFTER_COMMIT: counts the reads on the cut-off primary that returned its post-cut writes', () => {
    const { trace, report } = runTraced(scenario('after-commit'));
    expect(trace.some((r) => r.type === 'failover' && r.step === 'promoted' && r.to === 'r')).toBe(true);
    const lastReceived = Math.max(0, ...trace.flatMap((r) => (r.type === 'entry.receive' && r.node === 'r' && r.t <= 5_000_000 ? [r.lsn] : [])));
    const expected = trace.filter((r) => r.type === 'read.done' && r.node === 'p' && r.version > lastReceived).length;
    expect(expected).toBeGreaterThan(100);
    expect(report.reads.phantom).toBe(expected);
    expect(trace.filter((r) => r.type === 'read.phantom').length).toBe(expected);
  });

  it('AFTER_SYNC: none, since the post-cut writes never became visible', () => {
    const { trace, report } = runTraced(scenario('after-sync'));
    expect(trace.some((r) => r.type === 'write.lost')).toBe(true);
    expect(report.reads.phantom).toBe(0);
    expect(trace.filter((r) => r.type === 'read.phantom')).toEqual([]);
  });
});

describe('PhantomReads bookkeeping', () => {
  // A stand-in checker: writes at LSNs in `lostLsns` (term 1) are lost; verdicts up to `settled` are final.
  function checker(lostLsns: number[], settled: number) {
    return { settledThroughLsn: settled, isLost: (lsn: number, term: number) => term === 1 && lostLsns.includes(lsn) } as unknown as LostWriteChecker;
  }

  it('counts the same before and after pruning, and names only reads of versions not yet settled', () => {
    const lost = checker([3, 7], 5);
    const phantoms = new PhantomReads(lost);
    phantoms.keepReadIds();
    // 3000 reads (more than the arrays' first size) cycling over LSNs 0…9 of term 1; LSN 0 is "never written".
    for (let op = 1; op <= 3000; op++) phantoms.read(op, (op % 10) === 0 ? 0 : makeVersion(1, op % 10));
    const readsOf = (lsn: number) => Array.from({ length: 3000 }, (_, i) => i + 1).filter((op) => op % 10 === lsn);
    expect(phantoms.count()).toBe(readsOf(3).length + readsOf(7).length);
    expect(phantoms.readsOfLost(7, 1)).toEqual(readsOf(7));
    phantoms.prune();
    expect(phantoms.count()).toBe(readsOf(3).length + readsOf(7).length);
    expect(phantoms.readsOfLost(3, 1)).toEqual([]); // settled and forgotten
    expect(phantoms.readsOfLost(7, 1)).toEqual(readsOf(7));
  });
});
