import { describe, expect, it } from 'vitest';
import { ApplyDependencies } from '../../src/model/replica/apply-dependencies.ts';
import type { LogEntry } from '../../src/model/log-entry.ts';
import { configFrom, runTraced } from './helpers.ts';

/**
 * Parallel apply with dependencies (MySQL's multi-threaded applier). The expected figures
 * come from the mechanism alone, not from the engine:
 *
 * One replica, applyTime constant A = 1 ms, n workers, writes arriving faster than it can
 * apply, so from the first second on a backlog is always waiting. Then
 * - independent keys (10⁵ keys, uniform): an entry's previous write to its key is almost
 *   never among the n − 1 entries just before it (probability ≈ (n − 1)/10⁵ per entry, about
 *   0.1 such waits in the window, each costing at most one round), so n entries start
 *   together and finish together, A later: throughput n / A.
 * - one hot key: every entry depends on the one before it, so one runs at a time: 1 / A,
 *   whatever n.
 * Over a window of W seconds, a whole number of rounds of n entries fits, give or take one
 * round at each end: the count is n·W/A ± 2n. That, and nothing wider, is the tolerance.
 */
const APPLY_MS = 1;
const WINDOW_S = 1;

function applyRate(workers: number, keys: number, extra = ''): { perSec: number; trace: ReturnType<typeof runTraced>['trace'] } {
  const { trace } = runTraced(
    configFrom(`
seed: 21
duration: 2.5s
nodes:
  - { id: p, role: primary }
  - { id: r, role: replica, applyWorkers: ${workers} }
replication: { commitTime: 0.02ms, applyTime: ${APPLY_MS}ms${extra} }
network: { latency: 1ms, clientLatency: 0.1ms }
workload:
  - { name: w, sessions: 100, writes: { rate: 6000/s, keys: ${keys} } }
`),
  );
  // The window [1 s, 2 s): the backlog is ≥ (6000 − 4000)/s × 1 s by then and still growing.
  const applied = trace.filter((r) => r.type === 'entry.apply' && r.node === 'r' && r.t >= 1_000_000 && r.t < 1_000_000 + WINDOW_S * 1_000_000).length;
  return { perSec: applied / WINDOW_S, trace };
}

function within(actual: number, expected: number, workers: number): void {
  const slack = 2 * workers;
  expect(actual).toBeGreaterThanOrEqual(expected - slack);
  expect(actual).toBeLessThanOrEqual(expected + slack);
}

describe('parallel apply: writeset dependencies', () => {
  const perWorker = (WINDOW_S * 1000) / APPLY_MS;

  for (const n of [1, 2, 4])
    it(`independent keys: ${n} workers apply ${n} times as fast as one`, () => {
      within(applyRate(n, 100_000).perSec, n * perWorker, n);
    });

  it('one hot key: more workers gain nothing', () => {
    for (const n of [1, 4]) within(applyRate(n, 1).perSec, perWorker, n);
  });

  it('never runs two writes to the same key at once, and keeps commit order visible', () => {
    // Ten keys: conflicts are frequent, so the rule is exercised thousands of times.
    const { trace } = applyRate(4, 10);
    const lastStartByKey = new Map<number, number>();
    let dispatched = 0;
    for (const r of trace) {
      if (r.type !== 'entry.dispatch') continue;
      dispatched++;
      const prev = lastStartByKey.get(r.key);
      // Each apply takes exactly A, so the next write to the key may start A after the previous one.
      if (prev !== undefined) expect(r.startUs - prev).toBeGreaterThanOrEqual(APPLY_MS * 1000);
      lastStartByKey.set(r.key, r.startUs);
    }
    expect(dispatched).toBeGreaterThan(4000);
    const applied = trace.flatMap((r) => (r.type === 'entry.apply' ? [r.lsn] : []));
    expect(applied.every((lsn, i) => i === 0 || lsn === applied[i - 1] + 1)).toBe(true);
  });
});

describe('parallel apply: commit-order and database', () => {
  const perWorker = (WINDOW_S * 1000) / APPLY_MS;

  it('commit-order without group commit information: every entry is its own group, so one at a time', () => {
    within(applyRate(4, 100_000, ', parallelism: commit-order').perSec, perWorker, 4);
  });

  it('database: one workload group is one database, so one at a time', () => {
    within(applyRate(4, 100_000, ', parallelism: database').perSec, perWorker, 4);
  });
});

describe('ApplyDependencies: commit groups', () => {
  // Entries 1–3 flushed in one group commit, 4–5 in the next (as the primary's group commit
  // labels them): MySQL's COMMIT_ORDER tracking gives 1–3 the same last_committed (0) and
  // 4–5 the last of the previous group (3).
  const entry = (lsn: number, key: number, commitGroup?: number) =>
    ({ lsn, term: 1, key, commitGroup, op: { groupIndex: 0 } }) as unknown as LogEntry;

  it('lets one group overlap and makes the next wait for all of it', () => {
    const deps = new ApplyDependencies('commit-order', 10, 1);
    const got = [entry(1, 1, 7), entry(2, 2, 7), entry(3, 3, 7), entry(4, 4, 8), entry(5, 5, 8)].map((e) => {
      const d = deps.dependsOn(e);
      deps.dispatched(e);
      return d;
    });
    expect(got).toEqual([0, 0, 0, 3, 3]);
  });

  it('still makes a second write to a key wait for the first within a group (the row lock)', () => {
    const deps = new ApplyDependencies('commit-order', 10, 1);
    const got = [entry(1, 1, 7), entry(2, 1, 7)].map((e) => {
      const d = deps.dependsOn(e);
      deps.dispatched(e);
      return d;
    });
    expect(got).toEqual([0, 1]);
  });
});
