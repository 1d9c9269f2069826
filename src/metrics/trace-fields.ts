import type { TraceRecord, TraceType } from '../model/trace.ts';

type FieldsOf<T extends TraceType> = Exclude<keyof Extract<TraceRecord, { type: T }>, 'type'>;

/**
 * Every trace record type with its fields, at run time, for trace queries in lesson files
 * (`trace: count(read.done, stale=true)`). The compiler refuses a field a type does not have.
 */
export const TRACE_FIELDS: { readonly [T in TraceType]: readonly FieldsOf<T>[] } = {
  meta: ['t', 'version', 'scenario', 'seed', 'durationUs', 'nodes', 'groups', 'replication'],
  'write.issue': ['t', 'op', 'group', 'session', 'key', 'to'],
  'write.commit': ['t', 'node', 'op', 'lsn', 'term', 'key', 'group'],
  'lock.wait': ['t', 'node', 'op', 'key', 'holder'],
  'lock.grant': ['t', 'node', 'op', 'key', 'waitedUs'],
  'lock.drop': ['t', 'node', 'waiting'],
  'write.ack': ['t', 'op', 'group', 'session', 'key', 'lsn', 'latencyUs'],
  'write.fail': ['t', 'op', 'group', 'reason'],
  msg: ['t', 'id', 'kind', 'from', 'to', 'deliverAt', 'op', 'lsn', 'key', 'bytes', 'onWireAt'],
  'msg.drop': ['t', 'id', 'reason'],
  'entry.receive': ['t', 'node', 'lsn'],
  'entry.apply': ['t', 'node', 'lsn', 'key', 'delayUs'],
  'entry.dispatch': ['t', 'node', 'lsn', 'key', 'startUs', 'dependsOn'],
  'read.issue': ['t', 'op', 'group', 'session', 'key', 'to', 'required', 'reason', 'policy', 'maxLagUs', 'lagUs', 'token', 'writeToken', 'readToken'],
  'read.wait': ['t', 'op', 'node', 'token', 'timeoutUs'],
  'read.fallback': ['t', 'op', 'from', 'to', 'waitedUs'],
  monitor: ['t', 'node', 'trueLagUs', 'lsnLag', 'secondsBehindUs', 'appliedLsn', 'secondsBehindSource', 'ioRunning', 'routedLagUs', 'writeLagUs', 'flushLagUs', 'replayLagUs'],
  'read.serve': ['t', 'op', 'node', 'key', 'version'],
  'read.done': ['t', 'op', 'group', 'session', 'node', 'key', 'version', 'required', 'stale', 'versionsBehind', 'timeBehindUs', 'rywViolation', 'monotonicViolation', 'latencyUs', 'waitedUs', 'fellBack'],
  'read.fail': ['t', 'op', 'group', 'reason'],
  'node.state': ['t', 'node', 'state', 'term', 'role'],
  fault: ['t', 'kind', 'nodes', 'detail'],
  failover: ['t', 'step', 'from', 'to', 'term', 'detail'],
  'write.lost': ['t', 'op', 'lsn', 'node', 'term', 'cause'],
  'read.phantom': ['t', 'op', 'lsn', 'term'],
  'primary.change': ['t', 'node', 'previous', 'term', 'cause'],
  link: ['t', 'from', 'to', 'up', 'cause'],
  'link.quality': ['t', 'from', 'to', 'latencyFactor', 'loss', 'extraDelay'],
  'link.backlog': ['t', 'from', 'to', 'queuedBytes', 'drainsAtUs'],
  'mode.state': ['t', 'node', 'mode', 'waiting', 'waitingCommits', 'cause'],
  'sync.standbys': ['t', 'node', 'standbys'],
  rollback: ['t', 'node', 'primary', 'term', 'fromLsn', 'toLsn', 'entries', 'source'],
  fence: ['t', 'node', 'fenced', 'cause'],
  'conn.close': ['t', 'primary', 'replica', 'end', 'cause'],
  errant: ['t', 'node', 'primary', 'count', 'fromLsn', 'toLsn'],
  narration: ['t', 'text'],
};

export const TRACE_TYPES = Object.keys(TRACE_FIELDS) as TraceType[];
