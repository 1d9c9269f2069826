import { TAG_APPLY, TAG_FLUSH } from './events.ts';
import type { ApplyDone, FlushDone } from './events.ts';
import type { LogMsg, ReadMsg } from './message.ts';
import type { ReadOp } from './ops.ts';
import type { DbNode } from './node.ts';
import type { World } from './world-api.ts';

/**
 * The replica's side: receive entries into the relay log in order, flush them, apply them
 * with `applyWorkers` workers that keep commit order (1 = MySQL's single SQL thread or
 * PostgreSQL's startup process), acknowledge positions when the mode asks for it, serve
 * reads, and resubscribe after a broken stream.
 */
export class ReplicaLogic {
  /**
   * Per node index: which of the entries being applied have finished. The entries in flight
   * are always the `node.applying` LSNs after `appliedLsn`, so a ring of `applyWorkers`
   * flags indexed by LSN says it all.
   */
  private finished: Uint8Array[] = [];
  /**
   * Per node index: the apply events, one per worker slot (LSN mod workers), reused once
   * they have left the queue. Nine replicas apply every write; allocating an event per
   * apply was a fifth of the benchmark's garbage.
   */
  private applyEvents: (ApplyDone | null)[][] = [];

  constructor(private readonly w: World) {
    for (const node of w.nodes) {
      this.finished.push(new Uint8Array(node.config.applyWorkers));
      this.applyEvents.push(new Array<ApplyDone | null>(node.config.applyWorkers).fill(null));
    }
  }

  receiveLog(node: DbNode, from: DbNode, msg: LogMsg): void {
    const entry = msg.entry;
    this.w.connections.heardFromPrimary(from, node);
    // Not (or no longer) my primary: a stream opened by a subscribe sent before this node
    // turned elsewhere. The replica hangs up, as a client closes a connection it dropped.
    if (node.upstream !== from || node.role !== 'replica') return this.w.streams.close(from, node);
    // This end of the connection is closed (it timed out): what still arrives on it is discarded.
    if (!this.w.streams.isReceiving(from, node)) return;
    const last = node.log.lastLsn;
    if (entry.lsn <= last) return; // a duplicate from a resubscribe
    if (entry.lsn > last + 1) return this.streamBroken(from, node); // a gap: resubscribe
    node.log.append(entry);
    this.w.observer.entryReceived(node, entry, this.w.now);
    if (this.w.ackOn === 'flush') {
      if (!node.flushing) this.startFlush(node);
    } else {
      node.flushedLsn = entry.lsn;
      if (this.w.ackOn === 'receive') this.sendAck(node, entry.lsn);
    }
    this.kickApplier(node);
  }

  private startFlush(node: DbNode): void {
    node.flushing = true;
    const ev: FlushDone = {
      time: this.w.now + node.flushSample(),
      node,
      lsn: node.log.lastLsn,
      incarnation: node.incarnation,
    };
    this.w.queue.schedule(ev, ev.time, TAG_FLUSH);
  }

  /** One flush makes everything received so far durable (as an fsync of the relay log does). */
  flushDone(ev: FlushDone): void {
    const node = ev.node;
    if (ev.incarnation !== node.incarnation) return;
    node.flushing = false;
    const lsn = Math.min(ev.lsn, node.log.lastLsn);
    if (lsn > node.flushedLsn) {
      node.flushedLsn = lsn;
      this.sendAck(node, lsn);
    }
    if (node.log.lastLsn > node.flushedLsn) this.startFlush(node);
  }

  kickApplier(node: DbNode): void {
    if (!node.up || node.role !== 'replica') return;
    const w = this.w;
    if (w.now < node.applyStalledUntilUs) return; // the stall's end kicks it again
    const finished = this.finished[node.index];
    const events = this.applyEvents[node.index];
    const workers = finished.length;
    let next = node.appliedLsn + node.applying + 1;
    while (node.applying < workers && next <= node.log.lastLsn) {
      const entry = node.log.at(next)!;
      const slot = slotOf(next, workers);
      finished[slot] = 0;
      node.applying++;
      // A big transaction (its write's `cost`) takes longer and, with commit order kept,
      // holds back every entry behind it.
      const time = w.now + node.applySample() + (entry.op.cost ?? 0);
      let ev = events[slot];
      // An event from before a crash or rollback may still be queued (it will be ignored when
      // it fires): that one must not be touched, so take a fresh one.
      if (ev === null || ev.queued) events[slot] = ev = { time, node, lsn: next, incarnation: node.incarnation, queued: true };
      else {
        ev.time = time;
        ev.lsn = next;
        ev.incarnation = node.incarnation;
        ev.queued = true;
      }
      w.queue.schedule(ev, time, TAG_APPLY);
      next++;
    }
  }

  applyDone(ev: ApplyDone): void {
    ev.queued = false;
    const node = ev.node;
    if (ev.incarnation !== node.incarnation) return;
    const slot = ev.lsn - node.appliedLsn - 1;
    if (slot < 0 || slot >= node.applying) return; // rolled back meanwhile
    const finished = this.finished[node.index];
    const workers = finished.length;
    finished[slotOf(ev.lsn, workers)] = 1;
    // Commit order is preserved: an entry becomes visible only after every earlier one.
    while (node.applying > 0 && finished[slotOf(node.appliedLsn + 1, workers)] === 1) {
      const entry = node.log.at(node.appliedLsn + 1)!;
      finished[slotOf(entry.lsn, workers)] = 0;
      node.applying--;
      node.applyToData(entry);
      this.w.observer.entryApplied(node, entry, this.w.now);
      if (this.w.ackOn === 'apply') this.sendAck(node, entry.lsn);
    }
    this.releaseWaiters(node);
    this.kickApplier(node);
  }

  /** Serves waiting reads whose token this node has now applied. */
  private releaseWaiters(node: DbNode): void {
    const waiting = this.waiting[node.index];
    if (!waiting || waiting.length === 0) return;
    const still: ReadOp[] = [];
    for (const op of waiting) {
      if (op.minVersion <= node.appliedVersion) {
        op.waitedUs = this.w.now - (op.heldSinceUs ?? this.w.now);
        this.serveRead(node, op);
      } else still.push(op);
    }
    this.waiting[node.index] = still;
  }

  /** Forgets in-progress applies (a crash or a rollback); the applier restarts from appliedLsn. */
  resetApplier(node: DbNode): void {
    this.finished[node.index].fill(0);
    node.applying = 0;
    node.flushing = false;
  }

  private sendAck(node: DbNode, lsn: number): void {
    const primary = node.upstream;
    if (!primary) return;
    this.w.send(node, primary, { type: 'repl-ack', lsn, term: node.term });
  }

  /**
   * A read that carries a session token (`minVersion`) the node has not applied yet is held
   * until the applier reaches it (MASTER_GTID_WAIT / WAIT_FOR_EXECUTED_GTID_SET). If it is still
   * held after `op.waitUs`, the node answers "timed out" and the client retries the read on the
   * primary (MaxScale causal_reads with a timeout).
   */
  receiveRead(node: DbNode, msg: ReadMsg): void {
    const op = msg.op;
    if (op.minVersion > node.appliedVersion) {
      const w = this.w;
      this.readWaiters(node).push(op);
      const heldAt = w.now;
      op.heldSinceUs = heldAt;
      const incarnation = node.incarnation;
      w.observer.readHeld?.(op, node, w.now);
      const waitUs = op.waitUs ?? Infinity;
      if (waitUs !== Infinity) {
        w.after(waitUs, () => {
          const list = this.waiting[node.index];
          const i = list ? list.indexOf(op) : -1;
          if (i < 0) return; // served meanwhile (or dropped by a restart)
          list.splice(i, 1);
          op.waitedUs = w.now - heldAt;
          if (incarnation !== node.incarnation) {
            w.observer.readFailed(op, 'held read lost: node restarted', w.now);
            return;
          }
          w.send(node, w.groups[op.groupIndex], { type: 'read-reply', op, outcome: 'wait-timeout' });
        });
      }
      return;
    }
    this.serveRead(node, op);
  }

  /** Reads waiting for a session token to be applied here. */
  readWaiters(node: DbNode): ReadOp[] {
    return (this.waiting[node.index] ??= []);
  }
  private waiting: ReadOp[][] = [];

  serveRead(node: DbNode, op: ReadOp): void {
    const w = this.w;
    op.version = node.keys.version(op.key);
    op.keySeq = node.keys.keySeq(op.key);
    op.servedBy = node.id;
    op.servedUs = w.now;
    w.observer.readServed(op, node, w.now);
    w.send(node, w.groups[op.groupIndex], { type: 'read-reply', op, outcome: 'served' });
  }

  /** The primary closed its end of the stream (it was demoted): if it is this replica's upstream, reconnect later. */
  streamClosed(replica: DbNode, primary: DbNode): void {
    if (replica.upstream === primary) this.scheduleResubscribe(replica);
  }

  /**
   * The stream from `primary` to `replica` has a gap: a cut dropped entries that TCP would
   * have retransmitted once it healed (the connection itself survives a cut shorter than its
   * timeouts). The replica asks again from its last entry at once, rather than after
   * `reconnect`, which real replicas wait only after a connection failed.
   */
  streamBroken(primary: DbNode, replica: DbNode): void {
    this.w.streams.close(primary, replica);
    this.connect(replica);
  }

  /**
   * The replica's connect loop, as MySQL's IO thread (MASTER_CONNECT_RETRY) or PostgreSQL's
   * walreceiver (wal_retrieve_retry_interval) run it: every `reconnect`, as long as it has no
   * live stream from its upstream, it subscribes again. The loop ends once a stream is open or
   * the node no longer wants one (down, promoted, detached); restart, repoint and every
   * detected break start it again, so a subscribe that is lost, ignored or refused is retried.
   */
  scheduleResubscribe(replica: DbNode): void {
    if (replica.reconnectPending) return;
    replica.reconnectPending = true;
    this.w.after(this.w.config.replication.reconnectUs, () => {
      replica.reconnectPending = false;
      if (!this.wantsStream(replica) || this.streaming(replica)) return;
      this.resubscribe(replica);
      this.scheduleResubscribe(replica);
    });
  }

  /** Subscribes now and keeps retrying until the stream is open (restart, repoint). */
  connect(replica: DbNode): void {
    this.resubscribe(replica);
    this.scheduleResubscribe(replica);
  }

  private wantsStream(replica: DbNode): boolean {
    const upstream = replica.upstream;
    return replica.up && replica.role === 'replica' && upstream !== null && upstream !== replica;
  }

  /** This replica's end of a connection from its upstream is open (the walreceiver is streaming). */
  private streaming(replica: DbNode): boolean {
    return replica.upstream !== null && this.w.streams.isReceiving(replica.upstream, replica);
  }

  /** Asks the upstream primary to stream from the position after the last one received. */
  resubscribe(replica: DbNode): void {
    if (!this.wantsStream(replica)) return;
    this.w.send(replica, replica.upstream!, { type: 'subscribe', lastLsn: replica.log.lastLsn, lastTerm: replica.lastTerm });
  }

  /**
   * The node this replica follows is no longer a primary (it was demoted while a repoint to
   * this replica was lost): ask the failover manager whom to follow; the loop keeps retrying.
   */
  subscribeRefused(replica: DbNode, from: DbNode): void {
    if (replica.upstream !== from) return;
    this.w.failover.askForPrimary(replica);
    this.scheduleResubscribe(replica);
  }
}

/** An applier's worker slot for `lsn`. Most appliers have one worker, and then no division. */
function slotOf(lsn: number, workers: number): number {
  return workers === 1 ? 0 : lsn % workers;
}
