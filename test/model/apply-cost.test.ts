import { describe, expect, it } from 'vitest';
import { configFrom, runTraced } from './helpers.ts';

/**
 * A write's `cost` is extra apply time on every replica: a big transaction. Commit order is
 * kept, so the entries behind it cannot become visible before it, even with parallel apply
 * workers: every small write committed while it applies waits for it.
 */
function run(bigCost: string) {
  return runTraced(
    configFrom(`
seed: 4
duration: 5s
nodes:
  - { id: p, role: primary }
  - { id: r, role: replica, applyWorkers: 4 }
replication: { commitTime: 0.1ms, applyTime: 0.2ms }
network: { latency: 1ms, clientLatency: 0.5ms }
workload:
  - { name: small, writes: { rate: 200/s, keys: 100 } }
  - { name: batch, writes: { rate: 1/s, keys: 100, cost: ${bigCost} } }
`),
  );
}

describe('per-write apply cost', () => {
  const slow = run('300ms');
  const applies = slow.trace.flatMap((r) => (r.type === 'entry.apply' ? [r] : []));

  it('keeps commit order: entries become visible in LSN order', () => {
    expect(applies.length).toBeGreaterThan(900);
    expect(applies.every((r, i) => i === 0 || r.lsn === applies[i - 1].lsn + 1)).toBe(true);
  });

  it('holds back the small writes behind a big transaction, even with 4 apply workers', () => {
    const bigWrites = slow.trace.filter((r) => r.type === 'write.issue' && r.group === 'batch').length;
    expect(bigWrites).toBeGreaterThan(0);
    // Each big write blocks ~300 ms of small writes: those committed in its first 100 ms
    // wait over 200 ms, on average 200/s × 0.1 s = 20 per big write, plus the big write
    // itself. A Poisson count: at least its mean less 5 standard deviations. (Without the
    // blocking, with 4 workers, every apply delay would be a few milliseconds.)
    const expected = 21 * bigWrites;
    expect(applies.filter((r) => r.delayUs > 200_000).length).toBeGreaterThan(expected - 5 * Math.sqrt(expected));
    expect(slow.report.replication.lagMs.r.max).toBeGreaterThan(300);
  });

  it('without the big transaction the replica stays within milliseconds', () => {
    expect(run('0ms').report.replication.lagMs.r.max).toBeLessThan(20);
  });
});
