import { describe, expect, it } from 'vitest';
import type { TraceRecord } from '../../src/model/trace.ts';
import { configFrom, runTraced } from './helpers.ts';

const ms = (n: number) => n * 1000;

function cluster(extra: string): string {
  return `
name: failover protocol
seed: 5
duration: 12s
nodes:
  - { id: primary, role: primary }
  - { id: replica-1, role: replica }
  - { id: replica-2, role: replica }
replication: { mode: async }
network: { latency: 1ms, clientLatency: 1ms }
failover: { automatic: true, heartbeat: 500ms, missedBeats: 2 }
${extra}`;
}

const steps = (trace: TraceRecord[]) => trace.flatMap((r) => (r.type === 'failover' ? [r] : []));

describe('the manager learns of a promotion only by messages', () => {
  // replica-1 has the newest log but cannot apply it (stalled), so its catch-up lasts; it
  // crashes during it. Nothing tells the manager but the silence of its status requests.
  const { trace, report } = runTraced(
    configFrom(
      cluster(`workload:
  - { name: users, sessions: 10, writes: { rate: 50 } }
faults:
  - { at: 1s, stallApply: replica-1, until: 11s }
  - { at: 2s, crash: primary }
  - { at: 4s, crash: replica-1 }`),
    ),
  );

  it('aborts a promotion whose candidate stops answering, and promotes another', () => {
    const s = steps(trace);
    const aborted = s.find((r) => r.step === 'aborted');
    expect(aborted?.to).toBe('replica-1');
    // Heard last at the 4 s status request at the latest; silent for missedBeats (2) heartbeats of 500 ms.
    expect(aborted!.t).toBeGreaterThanOrEqual(ms(5000));
    expect(aborted!.t).toBeLessThanOrEqual(ms(5500));
    expect(report.failovers.map((f) => f.to)).toEqual(['replica-2']);
  });

  it('adopts the new primary when its promoted message arrives, not when it takes the role', () => {
    const promoted = trace.find((r) => r.type === 'msg' && r.kind === 'promoted');
    const step = steps(trace).find((r) => r.step === 'promoted');
    expect(promoted && promoted.type === 'msg' && promoted.from).toBe('replica-2');
    expect(step!.t).toBe(promoted!.type === 'msg' ? promoted!.deliverAt : -1);
  });
});

describe('a client router learns the primary only from the manager', () => {
  // app is cut off from the manager (and from the replicas) while the primary fails over.
  const { trace } = runTraced(
    configFrom(
      cluster(`workload:
  - { name: app, sessions: 10, writes: { rate: 100 } }
faults:
  - { at: 2s, partition: [[primary, app], [replica-1, replica-2, manager]], until: 6s }`),
    ),
  );
  const repointed = steps(trace).find((r) => r.step === 'repointed')!;
  const issued = trace.flatMap((r) => (r.type === 'write.issue' ? [r] : []));
  const notices = trace.flatMap((r) => (r.type === 'msg' && r.kind === 'primary-is' ? [r] : []));

  it('keeps writing to the primary it knew while the news cannot reach it', () => {
    expect(repointed.t).toBeLessThan(ms(6000));
    const during = issued.filter((r) => r.t > repointed.t && r.t < ms(6000));
    expect(during.length).toBeGreaterThan(0);
    for (const r of during) expect(r.to).toBe('primary');
  });

  it('switches to the new primary once a resent primary-is arrives after the heal', () => {
    const delivered = notices.find((m) => m.t >= ms(6000))!;
    expect(delivered.to).toBe('app');
    // Resent every heartbeat (500 ms) after each loss: the first one after the heal.
    expect(delivered.t).toBeLessThan(ms(6500));
    const before = issued.filter((r) => r.t > ms(6000) && r.t < delivered.deliverAt);
    const after = issued.filter((r) => r.t > delivered.deliverAt);
    for (const r of before) expect(r.to).toBe('primary');
    expect(after.length).toBeGreaterThan(0);
    for (const r of after) expect(r.to).toBe(repointed.to);
  });
});

describe('a switchover runs by messages', () => {
  const kinds = (trace: TraceRecord[]) => trace.flatMap((r) => (r.type === 'msg' && r.t >= ms(1000) && ['stop-writes', 'writes-stopped', 'promote', 'promoted', 'resume-writes'].includes(r.kind) ? [r.kind] : []));

  it('stops writes on the primary, promotes the candidate once it holds the drained log, repoints the old primary', () => {
    const { trace, world } = runTraced(configFrom(cluster(`workload:
  - { name: users, sessions: 10, writes: { rate: 100 } }
faults:
  - { at: 1s, switchover: replica-1 }`)));
    expect(kinds(trace)).toEqual(['stop-writes', 'writes-stopped', 'promote', 'promoted']);
    const stopped = trace.find((r) => r.type === 'msg' && r.kind === 'writes-stopped');
    const promote = trace.find((r) => r.type === 'msg' && r.kind === 'promote');
    // The promote order names the old primary's last LSN, and no commit on it comes after.
    expect(stopped?.type === 'msg' && promote?.type === 'msg' && promote.t).toBe(stopped?.type === 'msg' ? stopped.deliverAt : -1);
    const lastOldCommit = trace.filter((r) => r.type === 'write.commit' && r.node === 'primary').at(-1);
    expect(lastOldCommit?.type === 'write.commit' && lastOldCommit.lsn).toBe(stopped?.type === 'msg' ? stopped.lsn : -1);
    expect(world.failover.primary?.id).toBe('replica-1');
    expect(world.nodeById.get('primary')!.upstream?.id).toBe('replica-1');
  });

  it('tells the primary to resume writes when the candidate cannot catch up in time', () => {
    const { trace, world } = runTraced(configFrom(cluster(`workload:
  - { name: users, sessions: 10, writes: { rate: 20 } }
faults:
  - { at: 500ms, stallApply: replica-1, until: 40s }
  - { at: 1s, switchover: replica-1 }`).replace('duration: 12s', 'duration: 35s')));
    expect(kinds(trace)).toEqual(['stop-writes', 'writes-stopped', 'promote', 'resume-writes']);
    const fences = trace.flatMap((r) => (r.type === 'fence' && r.node === 'primary' ? [[r.fenced, r.cause]] : []));
    expect(fences).toEqual([[true, 'switchover'], [false, 'switchover-aborted']]);
    expect(world.failover.primary?.id).toBe('primary');
    expect(trace.some((r) => r.type === 'write.commit' && r.node === 'primary' && r.t > ms(31000))).toBe(true);
  });
});
