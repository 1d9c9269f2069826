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

describe("a client router learns the read replicas only from the manager's primary-is", () => {
  // app (with the old primary) is cut off from the manager and the replicas while replica-1
  // is promoted; near reaches the replicas but not the manager until 4.5 s, so the news of
  // the promotion reaches it late. Both read round-robin from the replicas.
  const { trace } = runTraced(
    configFrom(
      cluster(`workload:
  - { name: app, sessions: 10, writes: { rate: 50 }, reads: { rate: 200 } }
  - { name: near, sessions: 10, reads: { rate: 200 } }
faults:
  - { at: 2s, partition: [[primary, app], [replica-1, replica-2, manager, near]], until: 6s }
  - { at: 2s, partition: [[manager], [near]], until: 4500ms }`),
    ),
  );
  const repointed = steps(trace).find((r) => r.step === 'repointed')!;
  const reads = (group: string, from: number, to: number) =>
    trace.flatMap((r) => (r.type === 'read.issue' && r.group === group && r.t > from && r.t < to ? [r.to] : []));
  const notices = (group: string) => trace.flatMap((r) => (r.type === 'msg' && r.kind === 'primary-is' && r.to === group ? [r] : []));

  it('a cut-off router keeps reading from its old replica list, the new primary included', () => {
    expect(repointed.to).toBe('replica-1');
    const during = reads('app', repointed.t, ms(6000));
    expect(new Set(during)).toEqual(new Set(['replica-1', 'replica-2']));
  });

  it('a router drops the new primary from its reads when a primary-is reaches it, not before', () => {
    const delivered = notices('near').find((m) => m.t >= ms(4500))!;
    expect(repointed.t).toBeLessThan(ms(4500));
    expect(reads('near', repointed.t, delivered.deliverAt)).toContain('replica-1');
    expect(new Set(reads('near', delivered.deliverAt, ms(6000)))).toEqual(new Set(['replica-2']));
  });

  it('reads go to the demoted primary only once the manager, told by its hello, lists it', () => {
    const hello = trace.flatMap((r) => (r.type === 'msg' && r.kind === 'hello' && r.from === 'primary' && r.t >= ms(6000) ? [r] : []))[0];
    expect(hello).toBeDefined();
    const listing = notices('near').find((m) => m.t >= hello.deliverAt)!;
    expect(listing.t).toBe(hello.deliverAt);
    expect(reads('near', repointed.t, listing.deliverAt)).not.toContain('primary');
    expect(reads('near', listing.deliverAt, ms(12000))).toContain('primary');
  });
});

describe('the manager retries a lost repoint from what it knows itself', () => {
  // The primary crashes; the repoint the manager sends it at the promotion is refused (it is
  // down), so the manager does not retry; the node asks (hello) when it recovers at 8 s.
  const { trace } = runTraced(
    configFrom(
      cluster(`workload:
  - { name: users, sessions: 10, writes: { rate: 50 } }
faults:
  - { at: 2s, crash: primary }
  - { at: 8s, recover: primary }`),
    ),
  );
  const drops = new Map<number, string>();
  for (const r of trace) if (r.type === 'msg.drop') drops.set(r.id, r.reason);
  const toOld = trace.flatMap((r) => (r.type === 'msg' && r.kind === 'repoint' && r.to === 'primary' ? [r] : []));
  const hello = trace.flatMap((r) => (r.type === 'msg' && r.kind === 'hello' && r.from === 'primary' ? [r] : []));

  it('sends no retry to a node whose connection was refused; answers its hello after the restart', () => {
    expect(toOld.length).toBe(2);
    expect(drops.get(toOld[0].id)).toBe('receiver down');
    expect(hello.length).toBeGreaterThan(0);
    expect(toOld[0].t).toBeLessThan(ms(8000));
    expect(toOld[1].t).toBe(hello[0].deliverAt);
    expect(drops.has(toOld[1].id)).toBe(false);
  });
});

describe('a replica notices its primary was demoted from its own connection', () => {
  // Switchover to replica-1 while replica-2 is cut off from the manager: the repoint meant for
  // replica-2 is lost, but the old primary's demotion closes the stream replica-2 reads from.
  const { trace } = runTraced(
    configFrom(
      cluster(`workload:
  - { name: users, sessions: 10, writes: { rate: 100 } }
faults:
  - { at: 500ms, partition: [[manager], [replica-2]], until: 10s }
  - { at: 1s, switchover: replica-1 }`),
    ),
  );
  const msgs = trace.flatMap((r) => (r.type === 'msg' ? [r] : []));

  it('reconnects within one reconnect interval, is refused, and so learns it follows the wrong node', () => {
    const demote = msgs.find((m) => m.kind === 'repoint' && m.to === 'primary')!;
    expect(demote).toBeDefined();
    const resub = msgs.find((m) => m.kind === 'subscribe' && m.from === 'replica-2' && m.t >= demote.deliverAt)!;
    expect(resub.to).toBe('primary');
    expect(resub.t - demote.deliverAt).toBeLessThanOrEqual(ms(5000)); // replication.reconnect (default 5 s)
    const refusal = msgs.find((m) => m.kind === 'not-primary' && m.to === 'replica-2' && m.t >= resub.t)!;
    expect(refusal.t).toBe(resub.deliverAt);
    expect(msgs.some((m) => m.kind === 'hello' && m.from === 'replica-2' && m.t === refusal.deliverAt)).toBe(true);
  });
});

describe('min-replicas fencing counts the replicas the primary hears on its own connections', () => {
  // The primary is cut off from both replicas (not from the manager, so no failover) for 2 s.
  const { trace } = runTraced(
    configFrom(
      cluster(`workload:
  - { name: users, sessions: 10, writes: { rate: 100 } }
faults:
  - { at: 2s, partition: [[primary, users, manager], [replica-1, replica-2]], until: 4s }`).replace(
        'failover: { automatic: true, heartbeat: 500ms, missedBeats: 2 }',
        'failover: { automatic: true, heartbeat: 500ms, missedBeats: 2, fencing: min-replicas, minReplicas: 1, minReplicasMaxLag: 1s }',
      ),
    ),
  );
  const fences = trace.flatMap((r) => (r.type === 'fence' && r.node === 'primary' ? [r] : []));

  it('fences once no replica has been heard for minReplicasMaxLag, and unfences after the heal', () => {
    expect(fences.length).toBe(2);
    expect(fences[0].fenced).toBe(true);
    // Last heard (replconf every 500 ms heartbeat) before the cut at 2 s; fenced at the first
    // write more than minReplicasMaxLag (1 s) later.
    expect(fences[0].t).toBeGreaterThan(ms(2000));
    expect(fences[0].t).toBeLessThanOrEqual(ms(3000));
    expect(fences[1].fenced).toBe(false);
    expect(fences[1].t).toBeGreaterThan(ms(4000));
  });
});
