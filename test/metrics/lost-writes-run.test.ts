import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runWorld } from '../../src/metrics/simulate.ts';
import type { TraceRecord } from '../../src/model/trace.ts';
import { scenarioFromObject } from '../../src/scenario/index.ts';

/**
 * The checker inside real runs, against the definition applied to the world as it ends: an
 * acknowledged write (its op's lsn and term from `write.commit`, acknowledged by `write.ack`)
 * is lost iff the final primary's log lacks that (lsn, term). The model prunes entries every
 * node has applied, so a fourth replica, `witness`, crashes at 300 ms for good: the logs keep
 * everything after that, and every pruned LSN (checked) had one commit only, so it is held.
 * Random crash (plain or site failure), recovery and partition schedules (with at least one
 * site failure of the first primary: a plain crash loses nothing already on the wire) under
 * async replication, which loses writes; fixed seed.
 */
const NODES = ['primary', 'replica-1', 'replica-2'];
type Fault = { at: string; crash?: string; network?: 'lost'; recover?: string; partition?: string[][]; until?: string };

const faultArb: fc.Arbitrary<Fault> = fc.oneof(
  fc
    .record({ t: fc.integer({ min: 500, max: 9000 }), n: fc.constantFrom(...NODES), site: fc.boolean() })
    .map(({ t, n, site }): Fault => (site ? { at: `${t}ms`, crash: n, network: 'lost' } : { at: `${t}ms`, crash: n })),
  fc.record({ t: fc.integer({ min: 500, max: 9000 }), n: fc.constantFrom(...NODES) }).map(({ t, n }) => ({ at: `${t}ms`, recover: n })),
  fc
    .record({ t: fc.integer({ min: 500, max: 9000 }), d: fc.integer({ min: 200, max: 3000 }), n: fc.constantFrom(...NODES) })
    .map(({ t, d, n }) => ({ at: `${t}ms`, partition: [[n], [...NODES.filter((x) => x !== n), 'manager', 'writers']], until: `${t + d}ms` })),
);

function run(faults: Fault[], seed: number) {
  const ms = (f: Fault) => parseFloat(f.at);
  const doc = {
    seed,
    duration: '12s',
    nodes: [...NODES, 'witness'].map((id, i) => ({ id, role: i === 0 ? 'primary' : 'replica' })),
    replication: { mode: 'async' },
    // Slow links keep many entries in flight, so a primary site failure loses acknowledged writes.
    network: { latency: { dist: 'exponential', mean: '30ms' }, clientLatency: '0.5ms' },
    workload: [{ name: 'writers', sessions: 10, writes: { rate: '300/s', keys: 200 } }],
    failover: { heartbeat: '300ms', missedBeats: 3, cooldown: '1s' },
    faults: [{ at: '300ms', crash: 'witness' }, ...faults].sort((a, b) => ms(a) - ms(b)),
  };
  const trace: TraceRecord[] = [];
  const out = runWorld(scenarioFromObject(doc as never, 'lost-writes-run.yaml').config, { trace: (r) => trace.push(r) });
  return { ...out, trace };
}

describe('lost acknowledged writes in real runs equal the definition on the final state', () => {
  it('report, per-failover counts and write.lost records agree with the final primary\'s log', { timeout: 120_000 }, () => {
    let runsWithLoss = 0;
    fc.assert(
      fc.property(fc.array(faultArb, { maxLength: 5 }), fc.integer({ min: 500, max: 9000 }), fc.integer({ min: 1, max: 10_000 }), (faults, crashMs, seed) => {
        const { world, report, trace } = run([...faults, { at: `${crashMs}ms`, crash: 'primary', network: 'lost' }], seed);
        // The surviving primary is the one the last primary.change names (the trace's own word).
        let finalId = '';
        for (const r of trace) if (r.type === 'primary.change') finalId = r.node ?? '';
        const final = world.nodeById.get(finalId)!;
        const committed = new Map<number, { lsn: number; term: number }>();
        const termsAt = new Map<number, Set<number>>();
        const acked: number[] = [];
        const reported = new Set<number>();
        for (const r of trace) {
          if (r.type === 'write.commit') {
            committed.set(r.op, { lsn: r.lsn, term: r.term });
            if (!termsAt.has(r.lsn)) termsAt.set(r.lsn, new Set());
            termsAt.get(r.lsn)!.add(r.term);
          }
          else if (r.type === 'write.ack') acked.push(r.op);
          else if (r.type === 'write.lost') reported.add(r.op);
        }
        const lost = acked.filter((op) => {
          const { lsn, term } = committed.get(op)!;
          if (lsn < final.log.firstLsn) {
            expect(termsAt.get(lsn)!.size, `pruned LSN ${lsn} was committed in one term only`).toBe(1);
            return false;
          }
          return final.log.at(lsn)?.term !== term;
        });
        expect(report.writes.lostAcknowledged).toBe(lost.length);
        expect(report.failovers.reduce((s, f) => s + f.lostWrites, 0)).toBe(lost.length);
        // Every lost acknowledged write was reported in the trace as it was found.
        for (const op of lost) expect(reported.has(op), `op ${op}`).toBe(true);
        if (lost.length > 0) runsWithLoss++;
      }),
      { seed: 5050, numRuns: 10 },
    );
    // The schedules do lose writes, so the comparison above is not vacuous.
    expect(runsWithLoss).toBeGreaterThan(2);
  });
});
