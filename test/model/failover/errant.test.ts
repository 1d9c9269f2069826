import { describe, expect, it } from 'vitest';
import type { TraceRecord } from '../../../src/model/trace.ts';
import { configFrom, runTraced } from '../helpers.ts';

/*
 * failover.flavor: what happens to a primary that a failover replaced when it comes back.
 *
 * The run: at 10 s a partition cuts db-1 (with its clients) off from the replicas and the
 * manager; the manager promotes db-2; db-1 keeps committing its clients' writes, which no
 * replica receives; at 15 s db-1 crashes, the partition heals at 16 s, db-1 restarts at 17 s.
 *
 * Expected, by hand: db-1's writes from the cut to its crash (5 s at λ = 100/s) are on db-1
 * only: Poisson with mean 500, so within 4 standard deviations (±90) of 500. Those are its
 * errant transactions.
 *
 * - mysql (Orchestrator, MHA): db-1 is not reattached; it keeps those transactions (errant
 *   GTIDs) and stays out; the report counts them, and a trace record shows them on db-1.
 * - postgres (pg_rewind, Patroni use_pg_rewind): db-1 rewinds them and follows db-2.
 */
function run(flavor: 'mysql' | 'postgres') {
  return runTraced(
    configFrom(`
name: returning primary
seed: 21
duration: 25s
nodes:
  - { id: db-1, role: primary }
  - { id: db-2, role: replica }
  - { id: db-3, role: replica }
replication: { mode: async }
network: { latency: 1ms, clientLatency: 0.5ms }
workload:
  - name: writers
    sessions: 20
    writes: { rate: 100/s, keys: 100000 }
clients: { timeout: 1s, retries: 0 }
failover: { flavor: ${flavor}, heartbeat: 1s, missedBeats: 3 }
faults:
  - { at: 10s, partition: [[db-1, writers], [db-2, db-3, manager]], until: 16s }
  - { at: 15s, crash: db-1 }
  - { at: 17s, recover: db-1 }
`),
  );
}

const of = <T extends TraceRecord['type']>(trace: TraceRecord[], type: T) => trace.filter((r): r is Extract<TraceRecord, { type: T }> => r.type === type);

describe('flavor mysql: the old primary stays out with its errant transactions', () => {
  const { report, trace, world } = run('mysql');
  const db1 = world.nodeById.get('db-1')!;

  it('counts the writes db-1 committed after the cut, as many as λ × 5 s predicts', () => {
    const errant = report.errantTransactions.byNode['db-1'];
    expect(Math.abs(errant - 500)).toBeLessThan(90);
    expect(report.errantTransactions.total).toBe(errant);
    // The same count read off the trace: db-1's commits past the last entry db-2 received from it.
    const lastAtDb2 = Math.max(...of(trace, 'entry.receive').filter((r) => r.node === 'db-2' && r.t < 12 * 1e6).map((r) => r.lsn));
    const commits = of(trace, 'write.commit').filter((r) => r.node === 'db-1' && r.lsn > lastAtDb2 && r.t < 15e6);
    expect(errant).toBe(commits.length);
    const rec = of(trace, 'errant');
    expect(rec).toHaveLength(1);
    expect(rec[0]).toMatchObject({ node: 'db-1', primary: 'db-2', count: errant, fromLsn: lastAtDb2 + 1, toLsn: lastAtDb2 + errant });
  });

  it('is never rewound or repointed: it keeps them and stays out of the cluster', () => {
    expect(of(trace, 'rollback')).toEqual([]);
    expect(of(trace, 'msg').filter((m) => m.kind === 'repoint' && m.to === 'db-1')).toEqual([]);
    expect(db1.up).toBe(true);
    expect(db1.upstream).toBe(null);
    expect(db1.log.lastLsn).toBe(of(trace, 'errant')[0].toLsn);
    expect(world.failover.primary?.id).toBe('db-2');
  });
});

describe('flavor postgres: the old primary is rewound and follows', () => {
  it('rolls back the same kind of tail and counts no errant transactions', () => {
    const { report, trace, world } = run('postgres');
    expect(report.errantTransactions.total).toBe(0);
    expect(of(trace, 'errant')).toEqual([]);
    const rb = of(trace, 'rollback').filter((r) => r.node === 'db-1');
    expect(rb).toHaveLength(1);
    expect(Math.abs(rb[0].entries - 500)).toBeLessThan(90);
    expect(world.nodeById.get('db-1')!.upstream?.id).toBe('db-2');
  });
});
