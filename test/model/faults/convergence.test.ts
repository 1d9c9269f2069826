import { expect, it } from 'vitest';
import { parseScenario } from '../../../src/scenario/index.ts';
import { runWorld } from '../../../src/metrics/simulate.ts';

/*
 * Regression for the convergence property's counterexample (async, seed 1): replica-1 is cut
 * off while replica-2 is promoted, so the manager's repoint to it is lost; the old primary is
 * demoted under it and closes its stream; replica-1's subscribe to a node that is no longer a
 * primary must be refused (not ignored), so it asks the manager and follows replica-2.
 */
it('a replica cut off during a failover follows the new primary after healing', () => {
  const yaml = `
seed: 1
duration: 24s
nodes:
  - { id: primary, role: primary }
  - { id: replica-1, role: replica }
  - { id: replica-2, role: replica }
replication: { mode: async }
network: { latency: { dist: exponential, mean: 2ms }, clientLatency: 0.5ms }
workload:
  - { name: writers, sessions: 10, writes: { rate: [{ at: 0, rate: 200/s }, { at: 18s, rate: 0 }], keys: 200 } }
failover: { heartbeat: 300ms, missedBeats: 3, cooldown: 2s }
faults:
  - { at: 1000ms, partition: [[primary], [replica-1, replica-2, manager, writers]], until: 2101ms }
  - { at: 1000ms, partition: [[replica-1], [primary, replica-2, manager, writers]], until: 2401ms }
`;
  const { world } = runWorld(parseScenario(yaml, 'regression.yaml').config);
  const p = world.failover.primary!;
  expect(p.id).toBe('replica-2');
  for (const n of world.nodes) {
    if (n === p) continue;
    expect(n.upstream).toBe(p);
    expect(n.log.lastLsn).toBe(p.log.lastLsn);
    expect(n.appliedLsn).toBe(p.log.lastLsn);
  }
});
