import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LagTracker } from '../../src/metrics/lag.ts';
import type { DbNode } from '../../src/model/node.ts';

/**
 * LagTracker's exact integration against a brute-force reference that walks the run one
 * microsecond at a time. DESIGN.md: a replica's lag is 0 when it has applied everything the
 * primary committed, else the time since the oldest committed entry it has not applied.
 * Event times are whole µs and nothing changes within [t, t + 1), so over that microsecond
 * the lag is t − c … t + 1 − c (c: that entry's commit time): ∫ = t − c + ½, and the sup is
 * t + 1 − c. A series sample at time s is the lag at s before the events of s.
 */
interface FakeNode {
  index: number;
  appliedLsn: number;
  log: { lastLsn: number; at(lsn: number): { commitUs: number } | undefined };
}

type Step = { dtUs: number; node: number }; // node 0: the primary commits; else that replica applies one entry

const REPLICAS = 3;
// Simultaneous events, short gaps, and now and then a long one (lag in the milliseconds).
const dtArb = fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, { weight: 12, arbitrary: fc.integer({ min: 1, max: 40 }) }, { weight: 1, arbitrary: fc.integer({ min: 200, max: 3000 }) });
const stepArb = fc.record({ dtUs: dtArb, node: fc.integer({ min: 0, max: REPLICAS }) });

function scenario(steps: Step[], tailUs: number, intervalUs: number) {
  const commits: number[] = []; // commit time of LSN i + 1
  const primary: FakeNode = {
    index: 0,
    appliedLsn: 0,
    log: { get lastLsn() { return commits.length; }, at: (lsn) => (lsn >= 1 && lsn <= commits.length ? { commitUs: commits[lsn - 1] } : undefined) },
  };
  const nodes: FakeNode[] = [primary, ...Array.from({ length: REPLICAS }, (_, i) => ({ index: i + 1, appliedLsn: 0, log: primary.log }))];
  const tracker = new LagTracker(nodes as unknown as DbNode[], intervalUs);
  tracker.setPrimary(primary as unknown as DbNode, 0);
  // The run as applied: the time of each step that changed something.
  const timeline: { t: number; node: number }[] = [];
  let now = 0;
  for (const s of steps) {
    now += s.dtUs;
    if (s.node === 0) {
      commits.push(now);
      tracker.committed(primary as unknown as DbNode, now);
    } else {
      const r = nodes[s.node];
      if (r.appliedLsn >= commits.length) continue;
      r.appliedLsn++;
      tracker.refresh(r as unknown as DbNode, now);
    }
    timeline.push({ t: now, node: s.node });
  }
  const durationUs = now + tailUs;
  tracker.finish(durationUs);
  return { tracker, timeline, durationUs };
}

/** Per replica: ∫ lag, sup of lag, and the series, one microsecond at a time. */
function reference(timeline: { t: number; node: number }[], durationUs: number, intervalUs: number) {
  const commits: number[] = [];
  const applied = Array<number>(REPLICAS + 1).fill(0);
  const out = Array.from({ length: REPLICAS + 1 }, () => ({ integralUs2: 0, maxUs: 0, series: [] as number[] }));
  const lagAt = (r: number, t: number) => (applied[r] < commits.length ? t - commits[applied[r]] : 0);
  let k = 0;
  for (let t = 0; t < durationUs; t++) {
    for (let r = 1; r <= REPLICAS; r++) if (t % intervalUs === 0) out[r].series.push(lagAt(r, t)); // before the events of t
    for (; k < timeline.length && timeline[k].t === t; k++) {
      if (timeline[k].node === 0) commits.push(t);
      else applied[timeline[k].node]++;
    }
    for (let r = 1; r <= REPLICAS; r++) {
      if (applied[r] >= commits.length) continue;
      const c = commits[applied[r]];
      out[r].integralUs2 += t - c + 0.5;
      out[r].maxUs = Math.max(out[r].maxUs, t + 1 - c);
    }
  }
  for (let r = 1; r <= REPLICAS; r++) if (durationUs % intervalUs === 0) out[r].series.push(lagAt(r, durationUs));
  return out;
}

describe('LagTracker against a per-microsecond reference (fast-check)', () => {
  it('time-weighted mean, max and the sampled series equal the definition', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { minLength: 1, maxLength: 150, size: 'max' }), fc.integer({ min: 1, max: 200 }), fc.integer({ min: 1, max: 50 }), (steps, tailUs, intervalUs) => {
        const { tracker, timeline, durationUs } = scenario(steps, tailUs, intervalUs);
        const ref = reference(timeline, durationUs, intervalUs);
        for (let r = 1; r <= REPLICAS; r++) {
          // Sums of whole and half microseconds: exact in floating point at these sizes.
          expect(tracker.meanUs(r, durationUs), `replica ${r} mean`).toBe(ref[r].integralUs2 / durationUs);
          expect(tracker.maxUs(r), `replica ${r} max`).toBe(ref[r].maxUs);
          expect(tracker.seriesUs(r), `replica ${r} series`).toEqual(ref[r].series);
        }
        expect(tracker.maxUs(0)).toBe(0); // the primary never lags itself
      }),
      { seed: 3030, numRuns: 300 },
    );
  });
});
