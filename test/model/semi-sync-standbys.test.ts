import { describe, expect, it } from 'vitest';
import { batchMeans, configFrom, runTraced } from './helpers.ts';

/**
 * Semi-sync as MySQL defines it: only replicas with semi-sync enabled (`standbys`) send
 * acknowledgements the primary counts.
 *
 * Three replicas, every link's one-way latency exponential with mean θ = 2 ms, drawn per
 * message; semi-sync with waitFor 1 and only r2 and r3 enabled. Flushes are instant, clients
 * sit at the nodes and writes are rare (2/s, so a message hardly ever queues behind the one
 * before it on its FIFO link), so a write's latency is the first acknowledgement among the
 * enabled replicas: min(T2, T3), each T = X + Y a round trip of two independent exponentials,
 * i.e. Gamma(2, θ) with P(T > t) = e^(−t/θ)(1 + t/θ). Then P(min > t) = e^(−2t/θ)(1 + t/θ)²
 * and E[min] = θ ∫ (1 + u)² e^(−2u) du = θ (1/2 + 1/2 + 1/4) = 1.25 θ = 2.5 ms.
 * If every replica counted it would be θ ∫ (1 + u)³ e^(−3u) du = θ·(26/27) ≈ 0.963 θ = 1.93 ms,
 * about 30 standard errors away. Tolerance: Z standard errors by batch means.
 */
const Z = 4;
const thetaMs = 2;

describe('semi-sync latency when only some replicas are semi-sync enabled', () => {
  const config = configFrom(`
name: semi-sync-subset
seed: 8
duration: 5000s
nodes: [{ id: p, role: primary }, { id: r1, role: replica }, { id: r2, role: replica }, { id: r3, role: replica }]
replication: { mode: semi-sync, standbys: [r2, r3], waitFor: 1, commitTime: 0, ackOn: receive }
network: { latency: { dist: exponential, mean: ${thetaMs}ms }, clientLatency: 0 }
workload: [{ name: w, writes: { rate: 2/s, keys: 1000 } }]
`);
  const { trace } = runTraced(config);

  it('is the first of the enabled replicas’ round trips: 1.25 θ', () => {
    const latencies = trace.flatMap((r) => (r.type === 'write.ack' ? [r.latencyUs / 1000] : []));
    expect(latencies.length).toBeGreaterThan(9000);
    const { mean, stderr } = batchMeans(latencies);
    expect(Math.abs(mean - 1.25 * thetaMs)).toBeLessThan(Z * stderr);
  });
});

describe('waitNoReplica (rpl_semi_sync_source_wait_no_replica)', () => {
  const scenario = (waitNoReplica: boolean) =>
    configFrom(`
name: wait-no-replica
seed: 3
duration: 20s
nodes: [{ id: p, role: primary }, { id: r1, role: replica }, { id: r2, role: replica }]
replication: { mode: semi-sync, standbys: [r1], waitFor: 1, timeout: 5s, waitNoReplica: ${waitNoReplica}, commitTime: 0 }
network: { latency: 1ms, clientLatency: 0 }
workload: [{ name: w, writes: { rate: 50/s, keys: 1000 } }]
failover: { automatic: false }
faults: [{ at: 10s, crash: r1 }]
`);

  it('off: the primary falls back to async as soon as its only semi-sync replica is gone, and says so itself', () => {
    const { trace } = runTraced(scenario(false));
    const states = trace.flatMap((r) => (r.type === 'mode.state' ? [r] : []));
    expect(states.length).toBe(1);
    expect(states[0]).toMatchObject({ node: 'p', waiting: false, cause: 'no-replica' });
    expect(states[0].t).toBeGreaterThanOrEqual(10_000_000);
    expect(states[0].t).toBeLessThan(11_000_000); // when the primary saw the stream go, not after the 5 s timeout
    // From then on writes are acknowledged at commit (instant here), although r2 is connected:
    // it is not semi-sync enabled, so its acknowledgements never counted.
    const late = trace.filter((r) => r.type === 'write.ack' && r.t > 11_000_000 && r.latencyUs > 0);
    expect(late).toEqual([]);
    const before = trace.flatMap((r) => (r.type === 'write.ack' && r.t < 10_000_000 ? [r.latencyUs] : []));
    expect(Math.min(...before)).toBe(2000); // r1's round trip
  });

  it('on (the default): the primary keeps waiting until the timeout, though r2 is connected and acknowledging', () => {
    const { trace } = runTraced(scenario(true));
    const states = trace.flatMap((r) => (r.type === 'mode.state' ? [r] : []));
    expect(states.length).toBe(1);
    expect(states[0]).toMatchObject({ node: 'p', waiting: false, cause: 'timeout' });
    expect(states[0].t).toBeGreaterThanOrEqual(15_000_000);
    expect(states[0].t).toBeLessThan(15_100_000);
  });
});
