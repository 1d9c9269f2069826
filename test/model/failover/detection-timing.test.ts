import { describe, expect, it } from 'vitest';
import type { TraceRecord } from '../../../src/model/trace.ts';
import { configFrom, runTraced } from '../helpers.ts';

/**
 * Failure detection by heartbeats: the manager pings every `heartbeat` and declares the
 * primary failed after `missedBeats` pings in a row go unanswered. A pong the primary sent
 * before it crashed still arrives (a crash does not recall packets), and counts as an answer:
 * so detection never comes earlier than missedBeats × heartbeat after the last answer, however
 * the crash falls against the heartbeat's phase, and no later than one more beat and a round trip.
 */
const H_MS = 200;
const M = 3;
const RTT_MS = 20; // manager ↔ primary: 10 ms each way

function scenario(crashAtUs: number, extra = ''): string {
  return `
name: detection
seed: 2
duration: 3s
nodes:
  - { id: p, role: primary }
  - { id: r, role: replica }
replication: { mode: async }
network: { latency: 10ms, clientLatency: 1ms }
workload:
  - { name: w, sessions: 10, writes: { rate: 100/s, keys: 100 } }
failover: { heartbeat: ${H_MS}ms, missedBeats: ${M}${extra} }
faults:
  - { at: ${crashAtUs}us, crash: p }
`;
}

function detectedAt(trace: TraceRecord[]): number {
  const d = trace.find((r) => r.type === 'failover' && r.step === 'detected');
  if (!d) throw new Error('never detected');
  return d.t;
}

/** When each pong that arrived reached the manager (sends minus those dropped). */
function pongArrivals(trace: TraceRecord[]): number[] {
  const dropped = new Set(trace.flatMap((r) => (r.type === 'msg.drop' ? [r.id] : [])));
  return trace.flatMap((r) => (r.type === 'msg' && r.kind === 'pong' && !dropped.has(r.id) ? [r.deliverAt] : []));
}

describe('failure detection timing', () => {
  it('is never earlier than missedBeats × heartbeat after the last answer, at any phase of the crash', () => {
    let afterCrash = 0;
    // Pings go out at 0, 200, 400 ms …; each pong leaves the primary 10 ms after its ping and
    // arrives 10 ms later. Crash times step through a whole heartbeat in 5 ms steps, so some
    // fall between a pong's sending and its arrival.
    for (let offsetMs = 0; offsetMs < H_MS; offsetMs += 5) {
      const crashUs = 1_000_000 + offsetMs * 1000;
      const { trace } = runTraced(configFrom(scenario(crashUs)));
      const detected = detectedAt(trace);
      const lastAnswer = Math.max(...pongArrivals(trace).filter((t) => t <= detected));
      if (lastAnswer > crashUs) afterCrash++;
      expect(detected - lastAnswer).toBeGreaterThanOrEqual(M * H_MS * 1000);
      expect(detected - lastAnswer).toBeLessThanOrEqual((M + 1) * H_MS * 1000 + RTT_MS * 1000);
    }
    // The case that matters happened: a pong sent before the crash arrived after it.
    expect(afterCrash).toBeGreaterThan(0);
  }, 60_000);

  it("the survey's wait is the surveyTimeout setting (default one heartbeat)", () => {
    const gap = (extra: string) => {
      const { trace } = runTraced(configFrom(scenario(1_000_000, extra)));
      const candidate = trace.find((r) => r.type === 'failover' && r.step === 'candidate');
      return candidate!.t - detectedAt(trace);
    };
    expect(gap('')).toBe(H_MS * 1000);
    expect(gap(', surveyTimeout: 50ms')).toBe(50_000);
  });
});
