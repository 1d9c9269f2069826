import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PAYLOAD_TYPES } from '../../src/model/message.ts';
import type { TraceRecord } from '../../src/model/trace.ts';
import { MARKS } from '../../src/ui/views/marks.ts';
import { configFrom, runTraced } from './helpers.ts';

const WORLD_SOURCE = readFileSync(fileURLToPath(new URL('../../src/model/world.ts', import.meta.url)), 'utf8');

/** The body of the world's `receive` switch: one `case` per message type it hands on. */
function receiveCases(): string[] {
  const start = WORLD_SOURCE.indexOf('private receive(');
  const end = WORLD_SOURCE.indexOf('return unhandled(p);', start);
  expect(start).toBeGreaterThan(0);
  expect(end).toBeGreaterThan(start);
  return [...WORLD_SOURCE.slice(start, end).matchAll(/case '([a-z-]+)':/g)].map((m) => m[1]);
}

describe('the message protocol', () => {
  it('lists each payload type once', () => {
    expect(new Set(PAYLOAD_TYPES).size).toBe(PAYLOAD_TYPES.length);
  });

  // The compiler checks that the switch covers every type (`unhandled` takes `never`);
  // this checks that no type is handled twice or by a fall-through shared with another.
  it('hands each payload type to exactly one handler', () => {
    const cases = receiveCases();
    expect([...cases].sort()).toEqual([...PAYLOAD_TYPES].sort());
    const source = WORLD_SOURCE.slice(WORLD_SOURCE.indexOf('private receive('));
    for (const type of PAYLOAD_TYPES) {
      const at = source.indexOf(`case '${type}':`);
      const next = source.slice(at).split('\n')[1].trim();
      expect(next, `case '${type}' falls through`).toMatch(/^return this\.\w+\.\w+\(/);
    }
  });

  it('gives every message type a mark in the views', () => {
    expect(Object.keys(MARKS).sort()).toEqual([...PAYLOAD_TYPES].sort());
  });
});

/** Three nodes; the primary crashes at 2 s, so the manager pings, surveys, promotes and repoints. */
const FAILOVER = `
name: protocol trace
seed: 3
duration: 8s
nodes:
  - { id: primary, role: primary }
  - { id: replica-1, role: replica }
  - { id: replica-2, role: replica }
replication: { mode: async }
network: { latency: 1ms, clientLatency: 1ms }
failover: { automatic: true, heartbeat: 500ms, missedBeats: 2, confirmByReplicas: true }
workload:
  - { name: users, sessions: 10, writes: { rate: 50 } }
faults:
  - { at: 2s, crash: primary }
`;

describe('msg trace records', () => {
  const { trace } = runTraced(configFrom(FAILOVER));
  const msgs = trace.filter((r): r is Extract<TraceRecord, { type: 'msg' }> => r.type === 'msg');
  const ofKind = (kind: string) => msgs.filter((m) => m.kind === kind);

  it('name a message by its payload type', () => {
    for (const kind of ['write', 'write-ack', 'log', 'ping', 'pong', 'status-request', 'status', 'promote', 'promote-ack', 'repoint', 'subscribe'])
      expect(ofKind(kind).length, kind).toBeGreaterThan(0);
  });

  it('carry a promotion attempt as `attempt` and the new term as `term`, never as a log position', () => {
    const [promote] = ofKind('promote');
    const promoted = trace.find((r) => r.type === 'failover' && r.step === 'promoted');
    expect(promote.attempt).toBeGreaterThan(0);
    expect(promote.lsn).toBeUndefined();
    expect(promoted && promoted.type === 'failover' && promoted.term).toBe(promote.term);
    // The candidate answers the order with the same attempt and term.
    const [ack] = ofKind('promote-ack');
    expect([ack.attempt, ack.term, ack.from, ack.to]).toEqual([promote.attempt, promote.term, promote.to, promote.from]);
  });

  it('number pings by `seq`, one more each beat, and pongs echo it', () => {
    const pings = ofKind('ping');
    expect(pings.map((m) => m.seq)).toEqual(pings.map((_, i) => i + 1));
    for (const pong of ofKind('pong')) expect(pings.some((p) => p.seq === pong.seq)).toBe(true);
  });

  it('give a log message the LSN of the entry it carries', () => {
    const commits = new Map<number, number>();
    for (const r of trace) if (r.type === 'write.commit') commits.set(r.lsn, r.key);
    const logs = ofKind('log');
    expect(logs.length).toBeGreaterThan(0);
    for (const m of logs) expect(commits.get(m.lsn!)).toBe(m.key);
  });
});
