import type { FaultOf } from '../config.ts';
import type { World } from '../world-api.ts';
import { nodeOf } from './target.ts';

/**
 * Crash a node (kill -9, power loss). What was durable survives: the log up to the flushed
 * position and the applied data. What was only in memory is lost: the commit queue (those
 * clients time out), unflushed relay-log entries, applies in progress, waiting semi-sync
 * commits, messages in flight to it (its incarnation changes), and its send queues (what it
 * had committed but not yet transmitted, on links with a bandwidth). Its host stays up, so its
 * kernel resets its replication connections (connection-timeouts.ts).
 *
 * A crash does not recall packets: what it had already transmitted still arrives (bytes on the
 * wire keep travelling; Linux even sends a killed process's socket buffer, net/ipv4/tcp.c
 * tcp_close, unless unread input makes it reset the connection). The send queue counts as
 * unsent (the reset or power-loss case: an upper bound for a killed process). A
 * site failure (`network: lost`: the node and its network lost at the same instant, e.g. a
 * datacenter losing power) loses everything it had in flight too.
 */
export function crash(w: World, f: FaultOf<'crash'>): void {
  const node = nodeOf(w, f.node);
  if (!node || !node.up) {
    w.observer.fault('crash', [f.node], 'already down', w.now);
    return;
  }
  node.up = false;
  w.network.endpointCrashed(node, node.incarnation, f.loseInFlight, w.now);
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
  w.connections.processDied(node, !f.loseInFlight);
  w.failover.noteFault(node);
  const what = f.loseInFlight ? 'site failure: crashed with its in-flight messages' : 'crashed';
  w.observer.fault('crash', [f.node], `${node.id} ${what} (${node.role}, term ${node.term})`, w.now);
  w.observer.nodeChanged(node, w.now);
}
