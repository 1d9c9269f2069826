import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ConsistencyChecker, type ReadVerdict } from '../../src/metrics/consistency.ts';
import type { LogEntry } from '../../src/model/log-entry.ts';
import type { ReadOp, WriteOp } from '../../src/model/ops.ts';
import { makeVersion } from '../../src/model/version.ts';

/**
 * The consistency checker against DESIGN.md's definitions applied by brute force to the whole
 * history (every ack and every completed read kept), over random interleavings: writes
 * committed and acknowledged out of order, reads issued and completed out of order (several
 * of one session in flight), returning any version of their key committed so far, and
 * abandoned reads. At most 16 writes per key, the versions the checker's per-key ring keeps,
 * so the time behind is exact too.
 */
const KEYS = 3;
const SESSIONS = 3;
const RING = 16;

type Step =
  | { kind: 'write'; key: number; group: number; session: number }
  | { kind: 'ack'; pick: number }
  | { kind: 'read'; key: number; session: number }
  | { kind: 'complete'; pick: number; version: number }
  | { kind: 'abandon'; pick: number };

const keyArb = fc.integer({ min: 0, max: KEYS - 1 });
const sessionArb = fc.integer({ min: 0, max: SESSIONS - 1 });
const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ key: keyArb, group: fc.integer({ min: 0, max: 1 }), session: sessionArb }).map((s) => ({ kind: 'write' as const, ...s })) },
  { weight: 4, arbitrary: fc.nat().map((pick) => ({ kind: 'ack' as const, pick })) },
  { weight: 4, arbitrary: fc.record({ key: keyArb, session: sessionArb }).map((s) => ({ kind: 'read' as const, ...s })) },
  { weight: 4, arbitrary: fc.record({ pick: fc.nat(), version: fc.nat() }).map((s) => ({ kind: 'complete' as const, ...s })) },
  { weight: 1, arbitrary: fc.nat().map((pick) => ({ kind: 'abandon' as const, pick })) },
);

interface Write {
  key: number;
  version: number;
  keySeq: number;
  commitUs: number;
  group: number;
  session: number;
}

function runHistory(steps: Step[]): void {
  // Group 0 reads; group 1 only writes (its own writes need not be remembered).
  const checker = new ConsistencyChecker(KEYS, [0, SESSIONS], [true, false]);
  const commits: Write[] = [];
  const unacked: Write[] = [];
  const acks: { at: number; w: Write }[] = [];
  const inFlight: { id: number; key: number; session: number; issuedAt: number; issueUs: number }[] = [];
  const done: { at: number; session: number; key: number; version: number }[] = [];
  const totals = { stale: 0, ryw: 0, monotonic: 0 };
  let now = 0;
  let nextRead = 1;
  steps.forEach((step, at) => {
    now += 7;
    if (step.kind === 'write') {
      const keySeq = commits.filter((w) => w.key === step.key).length + 1;
      if (keySeq > RING) return;
      const w: Write = { key: step.key, version: makeVersion(1, commits.length + 1), keySeq, commitUs: now, group: step.group, session: step.session };
      commits.push(w);
      unacked.push(w);
      checker.committed({ key: w.key, keySeq, commitUs: now } as LogEntry);
    } else if (step.kind === 'ack') {
      if (unacked.length === 0) return;
      const [w] = unacked.splice(step.pick % unacked.length, 1);
      acks.push({ at, w });
      checker.acked({ key: w.key, version: w.version, keySeq: w.keySeq, groupIndex: w.group, session: w.session } as WriteOp);
    } else if (step.kind === 'read') {
      const r = { id: nextRead++, key: step.key, session: step.session, issuedAt: at, issueUs: now };
      inFlight.push(r);
      checker.issued(readOp(r));
    } else if (step.kind === 'abandon') {
      if (inFlight.length === 0) return;
      const [r] = inFlight.splice(step.pick % inFlight.length, 1);
      checker.abandoned(readOp(r));
    } else {
      if (inFlight.length === 0) return;
      const [r] = inFlight.splice(step.pick % inFlight.length, 1);
      const versions = [{ version: 0, keySeq: 0 }, ...commits.filter((w) => w.key === r.key)];
      const got = versions[step.version % versions.length];
      const op = { ...readOp(r), version: got.version, keySeq: got.keySeq, servedUs: now };
      const want = referenceVerdict(r, got, now);
      expect({ ...checker.completed(op) }, `read ${r.id}`).toEqual(want);
      done.push({ at, session: r.session, key: r.key, version: got.version });
      if (want.stale) totals.stale++;
      if (want.rywViolation) totals.ryw++;
      if (want.monotonicViolation) totals.monotonic++;
    }
  });
  expect([checker.stale, checker.rywViolations, checker.monotonicViolations]).toEqual([totals.stale, totals.ryw, totals.monotonic]);
  expect([checker.versionsBehind.count, checker.timeBehindUs.count]).toEqual([totals.stale, totals.stale]);

  function referenceVerdict(r: (typeof inFlight)[number], got: { version: number; keySeq: number }, servedUs: number): ReadVerdict {
    const before = acks.filter((a) => a.at < r.issuedAt && a.w.key === r.key).map((a) => a.w);
    const newest = before.reduce<Write | null>((m, w) => (m === null || w.version > m.version ? w : m), null);
    const required = newest?.version ?? 0;
    const stale = got.version < required;
    const own = Math.max(0, ...before.filter((w) => w.group === 0 && w.session === r.session).map((w) => w.version));
    const seen = Math.max(0, ...done.filter((d) => d.at < r.issuedAt && d.session === r.session && d.key === r.key).map((d) => d.version));
    const superseding = commits.find((w) => w.key === r.key && w.keySeq === got.keySeq + 1);
    return {
      required,
      stale,
      versionsBehind: stale ? Math.max(1, newest!.keySeq - got.keySeq) : 0,
      timeBehindUs: stale ? Math.max(0, servedUs - superseding!.commitUs) : 0,
      rywViolation: got.version < own,
      monotonicViolation: got.version < seen,
    };
  }
}

function readOp(r: { id: number; key: number; session: number; issueUs: number }): ReadOp {
  return { id: r.id, groupIndex: 0, session: r.session, key: r.key, issueUs: r.issueUs } as ReadOp;
}

describe('ConsistencyChecker against the definitions applied to the whole history (fast-check)', () => {
  it('every read\'s verdict (stale, versions and time behind, read-your-writes, monotonic) and the totals', () => {
    fc.assert(fc.property(fc.array(stepArb, { minLength: 1, maxLength: 200, size: 'max' }), runHistory), { seed: 4040, numRuns: 300 });
  });
});
