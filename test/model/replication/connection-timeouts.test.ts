import { describe, expect, it } from 'vitest';
import type { TraceRecord } from '../../../src/model/trace.ts';
import { configFrom, runTraced } from '../helpers.ts';

/*
 * How the ends of a replication connection learn that the other is gone, checked against
 * hand-derived times (not the engine's own arithmetic):
 *
 * - a silent cut: each end's watchdog closes it `timeout` after it last heard from the other
 *   end. With writes arriving every few ms and acks for each (sync mode), "last heard" is
 *   the last message that crossed before the cut, within one write gap plus one one-way
 *   delay of the cut; so the sender end closes at cut + senderTimeout, give or take that.
 * - a crashed peer process (host alive, link up): its kernel resets the connection and the
 *   other end closes at the crash instant.
 *
 * And the consequence (PostgreSQL synchronous_standby_names = 'FIRST 1 (db-2, db-3)'): a
 * silently cut db-2 holds every commit until the primary's walsender gives up on it at
 * cut + senderTimeout; then db-3 becomes the synchronous standby and releases them. With db-2
 * the only candidate, commits wait until the cut heals and db-2 reconnects (its next retry
 * after the heal, `reconnect` apart) and acknowledges.
 */

const MS = 1_000;
const S = 1_000_000;

function scenario(opts: { standbys: string; faults: string; senderTimeout?: string; receiverTimeout?: string; reconnect?: string; duration?: string }): string {
  return `
name: detection
seed: 11
duration: ${opts.duration ?? '60s'}
nodes:
  - { id: db-1, role: primary }
  - { id: db-2, role: replica }
  - { id: db-3, role: replica }
replication:
  mode: sync
  quorum: first
  waitFor: 1
  standbys: ${opts.standbys}
  senderTimeout: ${opts.senderTimeout ?? '10s'}
  receiverTimeout: ${opts.receiverTimeout ?? '15s'}
  reconnect: ${opts.reconnect ?? '2s'}
  # The commit cost the bounds below were derived with (the default is now 1ms).
  commitTime: 0.2ms
network: { latency: 1ms, clientLatency: 0.5ms }
workload:
  - name: writers
    sessions: 20
    writes: { rate: 200/s, keys: 1000 }
clients: { timeout: 0s, retries: 0 }
failover: { automatic: false }
faults:
${opts.faults}
`;
}

const closes = (trace: TraceRecord[]) => trace.flatMap((r) => (r.type === 'conn.close' ? [r] : []));
const acks = (trace: TraceRecord[]) => trace.flatMap((r) => (r.type === 'write.ack' ? [r] : []));
const issues = (trace: TraceRecord[]) => new Map(trace.flatMap((r) => (r.type === 'write.issue' ? [[r.op, r.t] as const] : [])));

/** The longest a write issued in [from, to) waited for its ack (µs). */
function longestWaitUs(trace: TraceRecord[], from: number, to: number): number {
  const issued = issues(trace);
  let worst = 0;
  for (const a of acks(trace)) {
    const t = issued.get(a.op)!;
    if (t >= from && t < to) worst = Math.max(worst, a.t - t);
  }
  return worst;
}

// "Last heard" is at most one write gap (mean 5 ms at 200/s; 50 ms is 10 means, exceeded with
// probability e^-10) plus a round trip (2 ms) before the cut: the close falls in this window.
const SLACK_US = 60 * MS;

describe('a silent cut is noticed only by the timeouts', () => {
  const cutAt = 10 * S;
  const { trace } = runTraced(configFrom(scenario({ standbys: '[db-2, db-3]', faults: `  - { at: 10s, partition: [[db-1, writers, manager, db-3], [db-2]], until: 50s }` })));

  it('the primary closes its end senderTimeout after it last heard from db-2, the replica its end receiverTimeout after', () => {
    const c = closes(trace).filter((r) => r.replica === 'db-2');
    const sender = c.find((r) => r.end === 'sender')!;
    const receiver = c.find((r) => r.end === 'receiver')!;
    expect(sender.cause).toBe('timeout');
    expect(receiver.cause).toBe('timeout');
    expect(sender.t).toBeGreaterThan(cutAt + 10 * S - SLACK_US);
    expect(sender.t).toBeLessThanOrEqual(cutAt + 10 * S);
    expect(receiver.t).toBeGreaterThan(cutAt + 15 * S - SLACK_US);
    expect(receiver.t).toBeLessThanOrEqual(cutAt + 15 * S);
  });

  it('FIRST 1: commits hang from the cut until the walsender times out, then db-3 takes over', () => {
    const sender = closes(trace).find((r) => r.replica === 'db-2' && r.end === 'sender')!;
    // A write issued right after the cut waits until the timeout (minus under one SLACK).
    const worst = longestWaitUs(trace, cutAt, cutAt + 1 * S);
    expect(worst).toBeGreaterThan(10 * S - SLACK_US - 1 * S);
    expect(worst).toBeLessThan(10 * S + 10 * MS);
    const standbys = trace.flatMap((r) => (r.type === 'sync.standbys' ? [r] : []));
    const switched = standbys.find((r) => r.standbys[0] === 'db-3')!;
    expect(switched.t).toBe(sender.t);
    // After the switch, commits take one round trip to db-3 again (2 ms + commit time).
    expect(longestWaitUs(trace, sender.t + 1 * S, 49 * S)).toBeLessThan(5 * MS);
  });
});

describe('FIRST 1: commits are released by the next standby reply, not by the timeout itself', () => {
  // The writers stop 200 ms after the cut, as closed-loop clients do once all of them wait:
  // no new WAL reaches db-3, so after its last acknowledgement it says nothing until asked.
  const cutAt = 10 * S;
  const yaml = scenario({ standbys: '[db-2, db-3]', faults: `  - { at: 10s, partition: [[db-1, writers, manager, db-3], [db-2]], until: 50s }` }).replace(
    'rate: 200/s',
    'rate: [{ at: 0s, rate: 200/s }, { at: 10.2s, rate: 0/s }]',
  );
  const { trace } = runTraced(configFrom(yaml));
  const sender = closes(trace).find((r) => r.replica === 'db-2' && r.end === 'sender')!;

  it('releases them at db-3’s second keepalive answer: its last ack + 2 × (senderTimeout/2 + one round trip)', () => {
    // syncrep.c: only a walsender handling a reply from a synchronous standby releases commits
    // (SyncRepReleaseWaiters, from ProcessStandbyReplyMessage). db-3's last ack reaches db-1 at L;
    // db-1 pings it after 5 s of silence (half of senderTimeout), the answer is back 2 ms later,
    // and 5 s after that it pings again. The first answer (L + 5.002 s) comes while db-2 still
    // counts; the second (L + 10.004 s) after db-2's walsender gave up (≈ cut + 10 s).
    const lastAck = trace.filter((r) => r.type === 'msg' && r.kind === 'repl-ack' && r.from === 'db-3' && r.t < sender.t).at(-1)!;
    const L = lastAck.type === 'msg' ? lastAck.deliverAt : NaN;
    expect(L).toBeGreaterThan(cutAt);
    const released = L + 10 * S + 4 * MS;
    expect(released).toBeGreaterThan(sender.t);
    const issued = issues(trace);
    const duringCut = acks(trace).filter((a) => issued.get(a.op)! >= cutAt && issued.get(a.op)! < 10.2 * S);
    expect(duringCut.length).toBeGreaterThan(10);
    // …and each client hears it one client hop (0.5 ms) later.
    for (const a of duringCut) expect(a.t).toBe(released + 0.5 * MS);
  });

  it('with a long senderTimeout, the reply that releases them is db-3’s own status reply, every wal_receiver_status_interval (10 s)', () => {
    // senderTimeout 30 s: db-1 would ping db-3 after 15 s of silence (and receiverTimeout 100 s:
    // db-3 would ping db-1 after 50 s), but db-3 reports on its own 10 s after its last reply
    // (walreceiver.c XLogWalRcvSendReply), so neither end ever pings.
    // Its last ack leaves db-3 at A; status replies leave at A + 10 s, A + 20 s, A + 30 s; db-2's
    // walsender gives up at ≈ cut + 30 s, so the third one (arriving 1 ms after it leaves) releases.
    const slow = runTraced(configFrom(yaml.replace('senderTimeout: 10s', 'senderTimeout: 30s').replace('receiverTimeout: 15s', 'receiverTimeout: 100s'))).trace;
    const close = closes(slow).find((r) => r.replica === 'db-2' && r.end === 'sender')!;
    const fromDb3 = slow.flatMap((r) => (r.type === 'msg' && r.from === 'db-3' && r.to === 'db-1' && r.t > cutAt ? [r] : []));
    const lastAck = fromDb3.filter((r) => r.kind === 'repl-ack').at(-1)!;
    const A = lastAck.t;
    expect(fromDb3.filter((r) => r.t > A).map((r) => [r.kind, r.t])).toEqual(
      [1, 2, 3, 4].map((k) => ['keepalive', A + k * 10 * S]).filter(([, t]) => (t as number) < 60 * S),
    );
    expect(close.t).toBeGreaterThan(A + 20 * S);
    expect(close.t).toBeLessThan(A + 30 * S);
    const issued = issues(slow);
    const duringCut = acks(slow).filter((a) => issued.get(a.op)! >= cutAt && issued.get(a.op)! < 10.2 * S);
    expect(duringCut.length).toBeGreaterThan(10);
    for (const a of duringCut) expect(a.t).toBe(A + 30 * S + 1 * MS + 0.5 * MS);
  });

  it('the synchronous standby shown changes when the walsender gives up, before the commits are released', () => {
    const switched = trace.find((r) => r.type === 'sync.standbys' && r.standbys[0] === 'db-3')!;
    expect(switched.t).toBe(sender.t);
    expect(acks(trace).filter((a) => a.t >= sender.t).every((a) => a.t > sender.t)).toBe(true);
  });
});

describe('FIRST 1 with a single candidate waits for the heal', () => {
  it('commits issued during the cut are acknowledged only after db-2 reconnects after the heal', () => {
    const { trace } = runTraced(configFrom(scenario({ standbys: '[db-2]', faults: `  - { at: 10s, partition: [[db-1, writers, manager, db-3], [db-2]], until: 30s }`, duration: '45s' })));
    const healAt = 30 * S;
    const issued = issues(trace);
    const waiting = acks(trace).filter((a) => issued.get(a.op)! >= 10 * S + 10 * MS && issued.get(a.op)! < 30 * S);
    expect(waiting.length).toBeGreaterThan(0);
    // db-2's walreceiver timed out (at ~25 s) and retries every `reconnect` (2 s): its first
    // subscribe after the heal leaves within 2 s of it; catch-up and ack take milliseconds.
    for (const a of waiting) {
      expect(a.t).toBeGreaterThanOrEqual(healAt);
      expect(a.t).toBeLessThan(healAt + 2 * S + 200 * MS);
    }
  });
});

describe('a crashed peer process is noticed at once', () => {
  it("the primary's end closes at the crash instant (peer-died) and FIRST 1 moves to db-3 without a hang", () => {
    const { trace } = runTraced(configFrom(scenario({ standbys: '[db-2, db-3]', faults: `  - { at: 10s, crash: db-2 }` })));
    const sender = closes(trace).find((r) => r.replica === 'db-2' && r.end === 'sender')!;
    expect(sender.t).toBe(10 * S);
    expect(sender.cause).toBe('peer-died');
    expect(longestWaitUs(trace, 9 * S, 12 * S)).toBeLessThan(5 * MS);
  });

  it("db-2's end closes when the crashed primary's reset arrives, after the data it had sent, and it starts reconnecting", () => {
    const { trace } = runTraced(configFrom(scenario({ standbys: '[db-2, db-3]', faults: `  - { at: 10s, crash: db-1 }` })));
    const receivers = closes(trace).filter((r) => r.end === 'receiver');
    expect(receivers.map((r) => [r.replica, r.cause])).toEqual([
      ['db-2', 'peer-died'],
      ['db-3', 'peer-died'],
    ]);
    for (const r of receivers) {
      // The reset follows the data on the stream (a crash does not recall packets): it arrives
      // when the last message db-1 sent before the crash does, within the 1 ms one-way latency.
      const lastSent = trace.filter((m) => m.type === 'msg' && m.from === 'db-1' && m.to === r.replica && m.t <= 10 * S).at(-1);
      expect(lastSent?.type === 'msg' && Math.max(10 * S, lastSent.deliverAt)).toBe(r.t);
      expect(r.t).toBeLessThanOrEqual(10 * S + 1 * MS);
    }
  });

  it('a site failure (network: lost) sends no reset: each replica finds out by its timeout', () => {
    const { trace } = runTraced(configFrom(scenario({ standbys: '[db-2, db-3]', faults: `  - { at: 10s, crash: db-1, network: lost }` })));
    const receivers = closes(trace).filter((r) => r.end === 'receiver');
    expect(receivers.length).toBeGreaterThan(0);
    for (const r of receivers) expect(r.cause).toBe('timeout');
  });

  it('a crash behind a cut link is not heard: the other end waits for its timeout', () => {
    const { trace } = runTraced(
      configFrom(scenario({ standbys: '[db-2, db-3]', faults: `  - { at: 10s, partition: [[db-1, writers, manager, db-3], [db-2]], until: 50s }\n  - { at: 10s, crash: db-2 }` })),
    );
    const sender = closes(trace).find((r) => r.replica === 'db-2' && r.end === 'sender')!;
    expect(sender.cause).toBe('timeout');
    expect(sender.t).toBeGreaterThan(20 * S - SLACK_US);
  });
});

describe('keepalives keep an idle connection open', () => {
  it('with no writes at all, no end ever times out, and each end pings at half its timeout', () => {
    const yaml = scenario({ standbys: '[db-2, db-3]', faults: '  []' }).replace(/workload:[\s\S]*?clients:/, 'workload: []\nclients:').replace('faults:\n  []', 'faults: []');
    const { trace } = runTraced(configFrom(yaml));
    expect(closes(trace)).toEqual([]);
    const pings = trace.flatMap((r) => (r.type === 'msg' && r.kind === 'keepalive' && r.from === 'db-1' && r.to === 'db-2' ? [r] : []));
    // The primary hears nothing for 5 s (half of senderTimeout) and asks; db-2's answer comes
    // back one round trip (2 ms) later, and 5 s after that it asks again: 5 s + k × 5.002 s.
    expect(pings.map((p) => p.t)).toEqual(Array.from({ length: 11 }, (_, k) => 5 * S + k * (5 * S + 2 * MS)));
    // db-2 hears those pings every ~5 s, under half its 15 s timeout: it never pings itself,
    // and only answers, one 1 ms hop after each ping.
    const answers = trace.flatMap((r) => (r.type === 'msg' && r.kind === 'keepalive' && r.from === 'db-2' && r.to === 'db-1' ? [r.t] : []));
    expect(answers).toEqual(pings.map((p) => p.t + MS));
  });
});
