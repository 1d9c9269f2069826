import type { KeepaliveMsg, ResetMsg } from '../message.ts';
import type { DbNode } from '../node.ts';
import type { ConnEnd, ConnCloseCause } from '../trace.ts';
import type { World } from '../world-api.ts';

/**
 * How each end of a replication connection finds out that the other end is gone.
 *
 * A process that dies on a live host is noticed at once: its kernel closes the socket and
 * the peer gets a FIN/RST (`processDied`; the model closes the peer's end at the crash, when
 * the link between them is up, and leaves the reset's one-way trip out). Nothing tells either
 * end about a silent cut (a partition drops packets, both processes alive) or a dead host:
 * only silence does, measured by a timeout on each end:
 *
 * - the primary's end (walsender / binlog dump thread) gives up after `senderTimeout` without
 *   hearing from the replica: PostgreSQL wal_sender_timeout (60 s; src/backend/replication/
 *   walsender.c WalSndCheckTimeOut). MySQL's dump thread has no such timer; it notices when a
 *   write blocks for net_write_timeout (60 s) or TCP gives up, and the docs map both to it;
 * - the replica's end (walreceiver / IO thread) gives up after `receiverTimeout` without
 *   hearing from the primary: PostgreSQL wal_receiver_timeout (60 s; walreceiver.c), MySQL
 *   replica_net_timeout (60 s since 8.0.26; the source sends heartbeats every half of it,
 *   MASTER_HEARTBEAT_PERIOD).
 *
 * An idle connection stays alive by keepalives: an end that has heard nothing for half its
 * timeout sends one asking for a reply (walsender.c WalSndKeepaliveIfNecessary; walreceiver.c
 * "ping the server" at half wal_receiver_timeout), and the other end answers. A keepalive
 * that reaches an end already closed is answered by a reset (the kernel's RST), which closes
 * the other end too. A timeout of 0 turns that end's timer off, as in PostgreSQL.
 *
 * Once the replica's end closes, the replica's connect loop (replica.ts, `reconnect`) takes
 * over; once the primary's end closes, the primary stops shipping to it and a sync primary no
 * longer counts it as a connected standby (FIRST k moves on to the next one).
 *
 * A PostgreSQL standby also replies on its own at least every `statusInterval`
 * (wal_receiver_status_interval, 10 s; XLogWalRcvSendReply in walreceiver.c sends when its
 * positions moved or that long has passed since its last reply). Only a sync primary acts on
 * such a reply (it releases commits: sync.ts), so the model sends it to sync primaries only.
 */
export class ConnectionTimeouts {
  private readonly n: number;
  /** Per primary×replica: when the primary's end last heard from the replica. */
  private readonly senderHeardUs: Float64Array;
  /** Per primary×replica: when the replica's end last heard from the primary. */
  private readonly receiverHeardUs: Float64Array;
  /** Per primary×replica: the connection each end's watchdog watches (0 = none running). */
  private readonly senderWatched: Int32Array;
  private readonly receiverWatched: Int32Array;
  private readonly senderTimeoutUs: number;
  private readonly receiverTimeoutUs: number;
  /** Per primary×replica: when the replica last sent its primary a reply (ack, status or keepalive). */
  private readonly replySentUs: Float64Array;
  /** Per primary×replica: the connection whose periodic status reply is scheduled (0 = none). */
  private readonly statusWatched: Int32Array;
  /** wal_receiver_status_interval (µs; 0 = no periodic replies). */
  private readonly statusIntervalUs: number;

  constructor(private readonly w: World) {
    const n = (this.n = w.nodes.length);
    this.senderHeardUs = new Float64Array(n * n);
    this.receiverHeardUs = new Float64Array(n * n);
    this.senderWatched = new Int32Array(n * n);
    this.receiverWatched = new Int32Array(n * n);
    this.senderTimeoutUs = w.config.replication.senderTimeoutUs;
    this.receiverTimeoutUs = w.config.replication.receiverTimeoutUs;
    this.replySentUs = new Float64Array(n * n);
    this.statusWatched = new Int32Array(n * n);
    this.statusIntervalUs = w.config.replication.mode === 'sync' ? w.config.replication.statusIntervalUs : 0;
  }

  /** A connection opened (the primary accepted a subscribe): both ends start listening. */
  opened(primary: DbNode, replica: DbNode, conn: number): void {
    const i = primary.index * this.n + replica.index;
    const now = this.w.now;
    this.senderHeardUs[i] = now;
    this.receiverHeardUs[i] = now;
    if (this.senderTimeoutUs > 0 && this.senderWatched[i] !== conn) {
      this.senderWatched[i] = conn;
      this.watchSender(primary, replica, conn, false);
    }
    if (this.receiverTimeoutUs > 0 && this.receiverWatched[i] !== conn) {
      this.receiverWatched[i] = conn;
      this.watchReceiver(primary, replica, conn, false);
    }
    this.replySentUs[i] = now;
    if (this.statusIntervalUs > 0 && this.statusWatched[i] !== conn) {
      this.statusWatched[i] = conn;
      this.scheduleStatusReply(primary, replica, conn);
    }
  }

  /** The replica sent its primary a reply (an acknowledgement or a status message). */
  repliedToPrimary(primary: DbNode, replica: DbNode): void {
    this.replySentUs[primary.index * this.n + replica.index] = this.w.now;
  }

  /** The replica's periodic status reply: due one interval after its last reply of any kind. */
  private scheduleStatusReply(primary: DbNode, replica: DbNode, conn: number): void {
    const w = this.w;
    const i = primary.index * this.n + replica.index;
    w.at(this.replySentUs[i] + this.statusIntervalUs, () => {
      if (!this.receiverLive(primary, replica, conn)) return this.stopWatching(this.statusWatched, i, conn);
      if (w.now - this.replySentUs[i] >= this.statusIntervalUs) this.sendKeepalive(replica, primary, 'receiver', conn, false);
      this.scheduleStatusReply(primary, replica, conn);
    });
  }

  /** The primary's end heard from the replica (an ack or a keepalive). */
  heardFromReplica(primary: DbNode, replica: DbNode): void {
    this.senderHeardUs[primary.index * this.n + replica.index] = this.w.now;
  }

  /** The replica's end heard from the primary (a log entry or a keepalive). */
  heardFromPrimary(primary: DbNode, replica: DbNode): void {
    this.receiverHeardUs[primary.index * this.n + replica.index] = this.w.now;
  }

  /**
   * The primary's watchdog: it wakes when the replica has been silent for half the timeout
   * (then it asks for a reply once) and again at the full timeout (then it gives up), and
   * goes back to sleep whenever something was heard meanwhile.
   */
  private watchSender(primary: DbNode, replica: DbNode, conn: number, pinged: boolean): void {
    const w = this.w;
    const i = primary.index * this.n + replica.index;
    const half = Math.floor(this.senderTimeoutUs / 2);
    const heard = this.senderHeardUs[i];
    w.at(heard + (pinged ? this.senderTimeoutUs : half), () => {
      if (!this.senderLive(primary, replica, conn)) return this.stopWatching(this.senderWatched, i, conn);
      const silentUs = w.now - this.senderHeardUs[i];
      if (silentUs < half) return this.watchSender(primary, replica, conn, false);
      if (silentUs < this.senderTimeoutUs) {
        if (!pinged) this.sendKeepalive(primary, replica, 'sender', conn, true);
        return this.watchSender(primary, replica, conn, true);
      }
      this.stopWatching(this.senderWatched, i, conn);
      this.closeSender(primary, replica, 'timeout');
    });
  }

  /** The replica's watchdog, the same with the other end's timeout. */
  private watchReceiver(primary: DbNode, replica: DbNode, conn: number, pinged: boolean): void {
    const w = this.w;
    const i = primary.index * this.n + replica.index;
    const half = Math.floor(this.receiverTimeoutUs / 2);
    const heard = this.receiverHeardUs[i];
    w.at(heard + (pinged ? this.receiverTimeoutUs : half), () => {
      if (!this.receiverLive(primary, replica, conn)) return this.stopWatching(this.receiverWatched, i, conn);
      const silentUs = w.now - this.receiverHeardUs[i];
      if (silentUs < half) return this.watchReceiver(primary, replica, conn, false);
      if (silentUs < this.receiverTimeoutUs) {
        if (!pinged) this.sendKeepalive(replica, primary, 'receiver', conn, true);
        return this.watchReceiver(primary, replica, conn, true);
      }
      this.stopWatching(this.receiverWatched, i, conn);
      this.closeReceiver(primary, replica, 'timeout');
    });
  }

  /** A watchdog of connection `conn` ends (a newer connection's watchdog may be running). */
  private stopWatching(watched: Int32Array, i: number, conn: number): void {
    if (watched[i] === conn) watched[i] = 0;
  }

  private senderLive(primary: DbNode, replica: DbNode, conn: number): boolean {
    const s = this.w.streams;
    return primary.up && s.isOpen(primary, replica) && s.connId(primary, replica) === conn;
  }

  private receiverLive(primary: DbNode, replica: DbNode, conn: number): boolean {
    const s = this.w.streams;
    return replica.up && s.isReceiving(primary, replica) && s.connId(primary, replica) === conn;
  }

  private sendKeepalive(from: DbNode, to: DbNode, end: ConnEnd, conn: number, replyRequested: boolean): void {
    const msg: KeepaliveMsg = { type: 'keepalive', end, conn, replyRequested };
    if (end === 'receiver') this.repliedToPrimary(to, from);
    this.w.send(from, to, msg);
  }

  /** A keepalive arrived at `node` from `from`; `msg.end` is the end that sent it. */
  onKeepalive(node: DbNode, from: DbNode, msg: KeepaliveMsg): void {
    const s = this.w.streams;
    // The primary's end sent it: `node` holds the replica's end, and the other way round.
    const primary = msg.end === 'sender' ? from : node;
    const replica = msg.end === 'sender' ? node : from;
    const mine = msg.end === 'sender' ? s.isReceiving(primary, replica) : s.isOpen(primary, replica);
    if (!mine || s.connId(primary, replica) !== msg.conn) {
      // This end is closed (or is a newer connection): the kernel answers with a reset.
      const reset: ResetMsg = { type: 'reset', conn: msg.conn, end: msg.end === 'sender' ? 'receiver' : 'sender' };
      return this.w.send(node, from, reset);
    }
    if (msg.end === 'sender') this.heardFromPrimary(primary, replica);
    else {
      this.heardFromReplica(primary, replica);
      // In PostgreSQL the replica's keepalive is a status reply like any other (walreceiver.c
      // XLogWalRcvSendReply), and the walsender handles it as one.
      if (primary.up && primary.role === 'primary') this.w.modeOf(primary).standbyReplied?.(primary, replica);
    }
    if (msg.replyRequested) this.sendKeepalive(node, from, msg.end === 'sender' ? 'receiver' : 'sender', msg.conn, false);
  }

  /** A reset arrived: `msg.end` (the sender's end) is closed, so this end of `msg.conn` closes. */
  onReset(node: DbNode, from: DbNode, msg: ResetMsg): void {
    const s = this.w.streams;
    if (msg.end === 'receiver') {
      // The replica's end was gone: the primary's end of that connection closes.
      if (s.isOpen(node, from) && s.connId(node, from) === msg.conn) this.closeSender(node, from, 'reset');
    } else if (s.isReceiving(from, node) && s.connId(from, node) === msg.conn) {
      this.closeReceiver(from, node, 'reset');
    }
  }

  /**
   * `node`'s process died (a crash on a live host): its kernel resets every replication
   * connection it had, and each peer it can still reach notices at once (a replica once the
   * data sent before the reset has arrived). A peer behind a cut link hears nothing and finds
   * out by its timeout, and so does every peer when the host died too (`hostUp` false: a site
   * failure).
   */
  processDied(node: DbNode, hostUp = true): void {
    const w = this.w;
    const s = w.streams;
    for (const peer of w.nodes) {
      if (peer === node) continue;
      // node as the primary: its end is gone; the replica's end closes when the reset reaches
      // it, after the data sent before it (a crash does not recall packets: network.ts).
      if (s.isOpen(node, peer) || s.isReceiving(node, peer)) {
        s.closeSenderEnd(node, peer);
        if (hostUp && s.isReceiving(node, peer) && w.network.isLinkUp(node, peer)) this.resetReaches(node, peer);
      }
      // node as the replica: its end is gone; the primary's end closes if the reset reaches it.
      if (s.isReceiving(peer, node) || s.isOpen(peer, node)) {
        s.closeReceiverEnd(peer, node);
        if (hostUp && s.isOpen(peer, node) && w.network.isLinkUp(node, peer)) this.closeSender(peer, node, 'peer-died');
      }
    }
  }

  /** The dead primary's reset reaches the replica's end once what it had sent has arrived. */
  private resetReaches(primary: DbNode, replica: DbNode): void {
    const w = this.w;
    const atUs = w.network.lastSentArrivalUs(primary, replica);
    if (atUs <= w.now) return this.closeReceiver(primary, replica, 'peer-died');
    const conn = w.streams.connId(primary, replica);
    w.at(atUs, () => {
      if (w.streams.isReceiving(primary, replica) && w.streams.connId(primary, replica) === conn) this.closeReceiver(primary, replica, 'peer-died');
    });
  }

  /** The primary's end closes: it stops shipping, and a sync primary re-counts its standbys. */
  private closeSender(primary: DbNode, replica: DbNode, cause: ConnCloseCause): void {
    const w = this.w;
    w.streams.closeSenderEnd(primary, replica);
    w.observer.connectionClosed?.(primary, replica, 'sender', cause, w.now);
    if (primary.up && primary.role === 'primary') w.modeOf(primary).standbysChanged?.(primary);
  }

  /** The replica's end closes: its connect loop starts. */
  private closeReceiver(primary: DbNode, replica: DbNode, cause: ConnCloseCause): void {
    const w = this.w;
    w.streams.closeReceiverEnd(primary, replica);
    w.observer.connectionClosed?.(primary, replica, 'receiver', cause, w.now);
    if (replica.up) w.replica.streamClosed(replica, primary);
  }
}
