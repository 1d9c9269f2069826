import type { Payload } from './message.ts';

/**
 * Bytes a message occupies on a link with a bandwidth, for its serialization time.
 *
 * - A log entry is its write's `size` (the WAL / binlog record) plus a frame header: PostgreSQL's
 *   XLogData message ('w', start, end, send time: 25 bytes, in a 5-byte CopyData frame; see
 *   "Streaming Replication Protocol" in the PostgreSQL manual, §55.4) and TCP/IPv4 headers with
 *   timestamps (52 bytes): about 80 bytes, taken as FRAME_BYTES.
 * - Every other message between nodes (acks, subscribes, heartbeats, the failover manager's
 *   messages) is small: PostgreSQL's standby status update ('r': 34 bytes) in its frame and
 *   TCP/IP headers is about 90 bytes, taken as CONTROL_MESSAGE_BYTES.
 */
export const FRAME_BYTES = 80;
export const CONTROL_MESSAGE_BYTES = 100;

/** `writeSizeBytes[g]`: the size of client group g's writes. */
export function messageBytes(payload: Payload, writeSizeBytes: readonly number[]): number {
  if (payload.type === 'log') return FRAME_BYTES + (writeSizeBytes[payload.entry.op.groupIndex] ?? 0);
  return CONTROL_MESSAGE_BYTES;
}
