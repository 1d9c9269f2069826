import { describe, expect, it } from 'vitest';
import { configFrom } from '../helpers.ts';
import { simulate } from '../../../src/metrics/simulate.ts';

/*
 * Fluid model of a burst against a single applier of constant service time 1/μ.
 * λ = 500/s, λb = 2000/s for T = 2 s from t0 = 5 s, μ = 1000/s.
 *
 * - At the end of the burst (t0+T) the applier has applied ≈ μT burst entries; the oldest
 *   unapplied one is the (μT+1)-th burst arrival, committed ≈ t0 + μT/λb, so the lag is
 *   L_end = T·(1 − μ/λb) = 1 s. Its commit time is a Gamma(μT, λb) arrival time: sd
 *   √(μT)/λb = √2000/2000 s ≈ 22.4 ms.
 * - The lag keeps growing until the last burst entry is applied, at t0 + N/μ where N ~
 *   Poisson(λb·T) (sd √4000 ≈ 63): peak = N/μ − T ≈ T·(λb/μ − 1) = 2 s, sd 63 ms.
 * - The backlog B (LSN lag) then falls at μ − λ = 500/s: between t0+T and t0+T+2s the applier
 *   applies exactly 2μ = 2000 while Poisson(2λ = 1000) arrive (sd √1000 ≈ 31.6), so the
 *   slope is −500/s with sd 31.6/2 ≈ 15.8/s.
 * Tolerances are 4 sd (plus 5 ms for the pre-burst queue at ρ = 0.5 and sampling); a failure
 * is a 1-in-15,000 event for a given seed, and the seed is fixed.
 */
const yaml = `
seed: 21
duration: 14s
nodes:
  - { id: primary, role: primary }
  - { id: replica-1, role: replica }
replication: { commitTime: 0.05ms, applyTime: 1ms }
network: { latency: 0.1ms, clientLatency: 0.1ms }
workload:
  - name: app
    sessions: 10
    writes:
      rate: [ { at: 0s, rate: 500/s }, { at: 5s, rate: 2000/s }, { at: 7s, rate: 500/s } ]
      keys: 100000
monitor: { interval: 250ms }
`;

describe('a write burst above the apply rate', () => {
  const r = simulate(configFrom(yaml));
  const m = r.replication.monitor.byReplica['replica-1'];
  const at = (s: number) => Math.round((s * 1000) / r.replication.monitor.intervalMs);

  it('is T·(1 − μ/λb) stale at the end of the burst (fluid model)', () => {
    expect(Math.abs(m.trueLagMs[at(7)] - 1000)).toBeLessThan(4 * 22.4 + 5);
  });

  it('peaks at T·(λb/μ − 1) when the last burst entry is applied', () => {
    expect(Math.abs(r.replication.lagMs['replica-1'].max - 2000)).toBeLessThan(4 * 63 + 5);
  });

  it('drains its backlog at μ − λ', () => {
    const slope = (m.lsnLag[at(9)] - m.lsnLag[at(7)]) / 2;
    expect(Math.abs(slope + 500)).toBeLessThan(4 * 15.8);
  });

  it('Seconds_Behind_Master agrees with true lag here (the relay log is never starved)', () => {
    expect(Math.abs(m.secondsBehindMs[at(7)] - m.trueLagMs[at(7)])).toBeLessThan(5);
  });
});
