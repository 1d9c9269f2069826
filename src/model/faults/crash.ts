import type { FaultOf } from '../config.ts';
import type { World } from '../world-api.ts';
import { nodeOf } from './target.ts';

/**
 * Crash a node (kill -9, power loss). What was durable survives: the log up to the flushed
 * position and the applied data. What was only in memory is lost: the commit queue (those
 * clients time out), unflushed relay-log entries, applies in progress, waiting semi-sync
 * commits, and every message in flight to or from it (its incarnation changes). Its host
 * stays up, so its kernel resets its replication connections (connection-timeouts.ts).
 */
export function crash(w: World, f: FaultOf<'crash'>): void {
  const node = nodeOf(w, f.node);
  if (!node || !node.up) {
    w.observer.fault('crash', [f.node], 'already down', w.now);
    return;
  }
  node.up = false;
  node.incarnation++;
  node.commitQueue.length = 0;
  node.commitHead = 0;
  node.committing = false;
  node.flushing = false;
  w.replica.settleFlush(node);
  if (node.log.lastLsn > node.flushedLsn) {
    node.log.truncateAfter(node.flushedLsn);
    w.observer.logTruncated(node, node.flushedLsn, w.now);
  }
  w.replica.resetApplier(node);
  w.modeOf(node).reset(node);
  // Streams from and to it are gone; each peer its reset reaches notices at once (a replica
  // retries until it is back), a peer behind a cut link only by its timeout.
  w.connections.processDied(node);
  w.failover.noteFault(node);
  w.observer.fault('crash', [f.node], `${node.id} crashed (${node.role}, term ${node.term})`, w.now);
  w.observer.nodeChanged(node, w.now);
}
