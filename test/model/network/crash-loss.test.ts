import { describe, expect, it } from 'vitest';
import { runWorld } from '../../../src/metrics/simulate.ts';
import { FRAME_BYTES } from '../../../src/model/message-size.ts';
import type { TraceRecord } from '../../../src/model/trace.ts';
import { configFrom } from '../helpers.ts';

/**
 * What an async failover loses, by how the primary failed. A crash does not recall packets:
 * what the primary had transmitted still reaches the replicas, so a promotion that comes later
 * than the one-way delay loses only what was committed but not yet transmitted (nothing, with
 * unlimited bandwidth). A site failure loses the primary's in-flight traffic too: about λ × the
 * one-way delay of acknowledged writes.
 */
function crashScenario(seed: number, crash: string, extra = ''): string {
  return `
name: crash loss
seed: ${seed}
duration: 4s
nodes:
  - { id: p, role: primary }
  - { id: r1, role: replica }
  - { id: r2, role: replica }
replication: { mode: async, commitTime: 1us }
network: { latency: 10ms, clientLatency: 1us${extra} }
workload:
  - { name: w, sessions: 100, writes: { rate: 1000/s, keys: 100000 } }
failover: { heartbeat: 200ms, missedBeats: 2 }
faults:
  - { at: 1s, ${crash} }
`;
}

describe('async loss at a primary crash', () => {
  it('a plain crash with unlimited bandwidth loses nothing: the promotion comes long after the 10 ms in flight have arrived', () => {
    for (let seed = 1; seed <= 10; seed++) {
      const report = runWorld(configFrom(crashScenario(seed, 'crash: p'))).report;
      expect(report.failovers.length).toBe(1);
      expect(report.writes.lostAcknowledged).toBe(0);
    }
  }, 60_000);

  it('a site failure loses ≈ λ × one-way delay of acknowledged writes', () => {
    // λ = 1000 writes/s, every replica link a constant 10 ms: the promoted replica lacks the
    // writes committed in the last 10 ms before the failure, a Poisson(λ·d) = 10 count.
    const lambda = 1000;
    const d = 0.01;
    const seeds = 30;
    let total = 0;
    for (let seed = 1; seed <= seeds; seed++) total += runWorld(configFrom(crashScenario(seed, 'crash: p, network: lost'))).report.writes.lostAcknowledged;
    const mean = total / seeds;
    const expected = lambda * d;
    // Standard error of a mean of Poisson(λd) counts: sqrt(λd / seeds); allow 4 of them.
    expect(Math.abs(mean - expected)).toBeLessThan(4 * Math.sqrt(expected / seeds));
  }, 60_000);
});

/**
 * A burst above the link's bandwidth. Writes are 1000 bytes, 1080 on the wire with the frame
 * header (FRAME_BYTES), and the link carries 8.64 Mbit/s = 1.08 MB/s: μ = 1000 entries/s. At
 * 200 writes/s the send queue stays near empty; from 1 s on, 2000 writes/s arrive, so the
 * fluid model's backlog grows at λ − μ = 1000 entries/s. The primary crashes at 2 s.
 */
const BURST = `
name: burst above bandwidth
seed: 4
duration: 4s
nodes:
  - { id: p, role: primary }
  - { id: r, role: replica }
replication: { mode: async, commitTime: 1us, applyTime: 1us }
network: { latency: 1ms, clientLatency: 1us, bandwidth: 8.64Mbit/s }
workload:
  - name: w
    sessions: 100
    writes: { rate: [{ at: 0s, rate: 200/s }, { at: 1s, rate: 2000/s }, { at: 3s, rate: 200/s }], keys: 100000, size: 1KB }
failover: { heartbeat: 200ms, missedBeats: 2 }
faults:
  - { at: 2s, crash: p }
`;
const MU = 8.64e6 / 8 / (1000 + FRAME_BYTES);
const CRASH_US = 2_000_000;

describe('a burst above bandwidth', () => {
  const trace: TraceRecord[] = [];
  const { report } = runWorld(configFrom(BURST), { trace: (r) => trace.push(r) });

  it('builds the backlog of the fluid model at the sender, and the trace shows it', () => {
    const last = trace.filter((r) => r.type === 'link.backlog' && r.from === 'p' && r.to === 'r' && r.t < CRASH_US).at(-1);
    if (last?.type !== 'link.backlog') throw new Error('no backlog record');
    const tauS = (last.t - 1_000_000) / 1e6;
    const fluid = (2000 - MU) * tauS;
    // Arrivals in the burst are Poisson(λτ), departures deterministic while the queue is
    // busy: the backlog's standard deviation is √(λτ) ≈ 45 entries; allow 4 of them.
    expect(Math.abs(last.queuedBytes / (1000 + FRAME_BYTES) - fluid)).toBeLessThan(4 * Math.sqrt(2000 * tauS) + 1);
    // It would drain at the link's bandwidth.
    expect(last.drainsAtUs - last.t).toBeCloseTo((last.queuedBytes * 8 * 1e6) / 8.64e6, -1);
    // The crash empties the queue (and says so).
    const atCrash = trace.find((r) => r.type === 'link.backlog' && r.from === 'p' && r.t === CRASH_US);
    expect(atCrash?.type === 'link.backlog' && atCrash.queuedBytes).toBe(0);
  });

  it('a crash during it loses exactly what was not yet transmitted, ≈ (λ − μ)·τ', () => {
    // Replay the sender's FIFO queue from the trace's send times (Lindley's recursion): each
    // entry finishes serializing at max(sent, previous finish) + 1080 B × 8 / bandwidth; the
    // ones not finished at the crash are the unsent backlog.
    let finishUs = 0;
    let unsent = 0;
    for (const r of trace) {
      if (r.type !== 'msg' || r.kind !== 'log' || r.from !== 'p' || r.t > CRASH_US) continue;
      finishUs = Math.max(r.t, finishUs) + ((1000 + FRAME_BYTES) * 8 * 1e6) / 8.64e6;
      if (finishUs > CRASH_US) unsent++;
      // The trace says the same of each message (sent whole µs later than the exact finish).
      expect(r.bytes).toBe(1000 + FRAME_BYTES);
      expect(r.onWireAt).toBe(Math.ceil(finishUs));
    }
    expect(report.failovers.length).toBe(1);
    expect(report.writes.lostAcknowledged).toBe(unsent);
    const fluid = (2000 - MU) * 1;
    expect(Math.abs(unsent - fluid)).toBeLessThan(4 * Math.sqrt(2000) + 1);
  });
});
