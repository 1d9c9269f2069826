import type { Micros } from '../sim/time.ts';

/**
 * The trace: one record per thing that happened, in the order the engine processed it.
 * Written as NDJSON (one record per line) by `repsim run --trace`, and consumed by the
 * visualizer. Every record has `t` (simulated µs) and `type`. The schema is versioned:
 * a change that removes or renames a field bumps TRACE_SCHEMA_VERSION.
 */
export const TRACE_SCHEMA_VERSION = 1;

/** What a message on a link carries. */
export type MessageKind =
  | 'write' // client → node: a write request
  | 'write-ack' // node → client: the write's outcome
  | 'log' // primary → replica: one log entry
  | 'repl-ack' // replica → primary: acknowledgement of a received/flushed/applied position
  | 'read' // client → node: a read request
  | 'read-reply' // node → client: the value read
  | 'heartbeat' // failover manager ↔ node
  | 'control'; // failover manager → node: promote / repoint / fence

export type TraceRecord =
  | {
      t: Micros;
      type: 'meta';
      version: number;
      scenario: string;
      seed: string | number;
      durationUs: Micros;
      nodes: { id: string; role: string }[];
      groups: string[];
      replication: string;
    }
  | { t: Micros; type: 'write.issue'; op: number; group: string; session: number; key: number; to: string }
  | { t: Micros; type: 'write.commit'; node: string; op: number; lsn: number; term: number; key: number }
  | { t: Micros; type: 'write.ack'; op: number; group: string; session: number; key: number; lsn: number; latencyUs: Micros }
  | { t: Micros; type: 'write.fail'; op: number; group: string; reason: string }
  | {
      t: Micros;
      type: 'msg';
      id: number;
      kind: MessageKind;
      from: string;
      to: string;
      /** When it arrives if nothing drops it first. */
      deliverAt: Micros;
      op?: number;
      lsn?: number;
      key?: number;
    }
  | { t: Micros; type: 'msg.drop'; id: number; reason: string }
  | { t: Micros; type: 'entry.receive'; node: string; lsn: number }
  | { t: Micros; type: 'entry.apply'; node: string; lsn: number; key: number; delayUs: Micros }
  | { t: Micros; type: 'read.issue'; op: number; group: string; session: number; key: number; to: string; required: number }
  | { t: Micros; type: 'read.serve'; op: number; node: string; key: number; version: number }
  | {
      t: Micros;
      type: 'read.done';
      op: number;
      group: string;
      session: number;
      node: string;
      key: number;
      version: number;
      /** Newest version acknowledged to any client before the read was issued. */
      required: number;
      stale: boolean;
      versionsBehind: number;
      timeBehindUs: Micros;
      rywViolation: boolean;
      monotonicViolation: boolean;
      latencyUs: Micros;
    }
  | { t: Micros; type: 'read.fail'; op: number; group: string; reason: string }
  | { t: Micros; type: 'node.state'; node: string; state: string; term: number; role: string }
  | { t: Micros; type: 'fault'; kind: string; nodes: string[]; detail: string }
  | { t: Micros; type: 'failover'; step: string; from?: string; to?: string; term?: number; detail: string }
  | { t: Micros; type: 'write.lost'; op: number; lsn: number; node: string; term: number }
  | { t: Micros; type: 'narration'; text: string };

export type TraceType = TraceRecord['type'];

/** Receives trace records as they happen; absent when tracing is off. */
export type TraceSink = (record: TraceRecord) => void;
