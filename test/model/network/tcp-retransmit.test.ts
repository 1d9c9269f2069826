import { describe, expect, it } from 'vitest';
import { runWorld } from '../../../src/metrics/simulate.ts';
import { configFrom } from '../helpers.ts';

/**
 * A lossy link behaves like TCP (src/model/tcp.ts): a lost segment is resent after the RTO
 * (round trip + 200 ms on Linux), doubling per further loss, and the stream keeps its order.
 * So 1 % loss adds a retransmission delay to 1 % of the entries (and holds back what follows
 * them), and never breaks the replication connection.
 */
const LAMBDA = 10; // writes per second
const D_S = 0.001; // one-way latency, s
const P = 0.01; // loss per transmission
const T_S = 10_000; // simulated seconds
const RTO_S = 2 * D_S + 0.2; // SRTT + TCP_RTO_MIN

function scenario(loss: number): string {
  return `
name: tcp loss
seed: 5
duration: ${T_S}s
nodes:
  - { id: p, role: primary }
  - { id: r, role: replica }
replication: { mode: async, commitTime: 1us, applyTime: 1us }
network: { latency: 1ms, clientLatency: 1us }
workload:
  - { name: w, sessions: 10, writes: { rate: ${LAMBDA}/s, keys: 1000 } }
failover: { automatic: false }
monitor: { interval: 1000s }
${loss > 0 ? `faults:\n  - { at: 0s, degrade: { from: p, to: r, loss: ${loss} } }` : ''}
`;
}

/**
 * The retransmission delay X of one entry: it needs K retransmissions with
 * P(K = k) = p^k (1 − p), and the k-th goes out RTO·2^(k−1) after the one before, so
 * X = RTO·(2^K − 1). Returns E[f(X)] summed over k until the terms vanish.
 */
function expectOver(f: (x: number) => number): number {
  let sum = 0;
  for (let k = 0; k < 12; k++) sum += P ** k * (1 - P) * f(RTO_S * (2 ** k - 1));
  return sum;
}

describe('a lossy link retransmits like TCP', () => {
  it('1 % loss raises the mean lag by the expected retransmission delay, with no reconnect', () => {
    let subscribes = 0;
    let drops = 0;
    const lossy = runWorld(configFrom(scenario(P)), {
      trace: (r) => {
        if (r.type === 'msg' && r.kind === 'subscribe') subscribes++;
        if (r.type === 'msg.drop') drops++;
      },
    }).report;
    const clean = runWorld(configFrom(scenario(0))).report;
    // Lag is the time since the oldest entry the replica has not applied. With λ·d = 0.01 an
    // entry is almost always alone in flight: without loss it adds the area d²/2 to ∫lag dt;
    // delayed by X it adds (d + X)²/2, so X²/2 + X·d more. Entries sent while it waits
    // are newer, so they do not raise the lag (head-of-line blocking keeps them behind it, but
    // the oldest entry sets the lag). Mean extra lag = λ · E[X²/2 + X·d].
    const area = (x: number) => (x * x) / 2 + x * D_S;
    const expectedS = LAMBDA * expectOver(area);
    const measuredS = (lossy.replication.lagMs.r.mean - clean.replication.lagMs.r.mean) / 1000;
    // Tolerance: ∫ extra lag is a compound Poisson sum over λT entries, so the mean has
    // variance λ·E[A²]/T; allow 4 standard deviations. Overlapping delays (another loss within
    // a delay window, probability ≈ λ·p·RTO = 2 %) can only shorten the total (their areas
    // overlap), so allow 3 % below as well.
    const sd = Math.sqrt((LAMBDA * expectOver((x) => area(x) ** 2)) / T_S);
    expect(measuredS).toBeGreaterThan(expectedS * 0.97 - 4 * sd);
    expect(measuredS).toBeLessThan(expectedS + 4 * sd);
    // ≈ 2 ms: a reconnect after each loss (1 s) would cost about λ·p·(1 s)²/2 = 50 ms.
    expect(expectedS).toBeGreaterThan(0.0015);
    expect(expectedS).toBeLessThan(0.0025);
    expect(subscribes).toBe(0);
    expect(drops).toBe(0);
    expect(lossy.writes.acknowledged).toBe(clean.writes.acknowledged);
  }, 120_000);
});
