import type { DbNode } from './node.ts';

/**
 * The replication streams: one connection per (primary, replica) pair, like the TCP
 * connection of a MySQL binlog dump or a PostgreSQL walsender. Each connection has two ends:
 * the primary's (the walsender / binlog dump thread: `open`, which the primary ships on) and
 * the replica's (the walreceiver / IO thread: `receiving`). No node writes into another
 * node's fields: a replica opens a connection by subscribing (the primary accepts: both ends
 * open, and the connection gets a new id), an orderly close is seen at both ends, and a
 * silent cut leaves both ends open until a timeout closes one of them (see
 * replication/connection-timeouts.ts).
 */
export class ReplicationStreams {
  /** open[primaryIndex][replicaIndex]: the primary's end. */
  private readonly open: boolean[][] = [];
  /** receiving[primaryIndex][replicaIndex]: the replica's end. */
  private readonly receiving: boolean[][] = [];
  /** conn[primaryIndex][replicaIndex]: id of the newest connection (0 = never opened). */
  private readonly conn: number[][] = [];
  private nextConn = 1;
  /** Told when a connection opens (the connection timeouts start watching it). */
  onOpen: (primary: DbNode, replica: DbNode, conn: number) => void = () => {};
  /** Told when the primary's end of an open connection closes (semi-sync counts its connected replicas). */
  onClosed: ((primary: number, replica: number) => void) | null = null;

  constructor(nodeCount: number) {
    for (let i = 0; i < nodeCount; i++) {
      this.open.push(new Array<boolean>(nodeCount).fill(false));
      this.receiving.push(new Array<boolean>(nodeCount).fill(false));
      this.conn.push(new Array<number>(nodeCount).fill(0));
    }
  }

  /** The primary's end: by replica index, whether it has an open stream to that node. */
  from(primary: DbNode): readonly boolean[] {
    return this.open[primary.index];
  }

  /** Whether the primary's end of the connection to `replica` is open. */
  isOpen(primary: DbNode, replica: DbNode): boolean {
    return this.open[primary.index][replica.index];
  }

  /** Whether the replica's end of its connection from `primary` is open. */
  isReceiving(primary: DbNode, replica: DbNode): boolean {
    return this.receiving[primary.index][replica.index];
  }

  /** Id of the newest connection between the two (its ends may have closed since). */
  connId(primary: DbNode, replica: DbNode): number {
    return this.conn[primary.index][replica.index];
  }

  /** The primary accepted the replica's subscription: a new connection, both ends open. */
  accept(primary: DbNode, replica: DbNode): void {
    this.open[primary.index][replica.index] = true;
    this.receiving[primary.index][replica.index] = true;
    const id = this.nextConn++;
    this.conn[primary.index][replica.index] = id;
    this.onOpen(primary, replica, id);
  }

  /** An orderly close (or a reset both ends see): both ends close. */
  close(primary: DbNode, replica: DbNode): void {
    if (!this.open[primary.index][replica.index]) return;
    this.open[primary.index][replica.index] = false;
    this.receiving[primary.index][replica.index] = false;
    this.onClosed?.(primary.index, replica.index);
  }

  /** Only the primary's end closes (its walsender timed out, got a reset, or died). */
  closeSenderEnd(primary: DbNode, replica: DbNode): void {
    if (!this.open[primary.index][replica.index]) return;
    this.open[primary.index][replica.index] = false;
    this.onClosed?.(primary.index, replica.index);
  }

  /** Only the replica's end closes (its walreceiver timed out, got a reset, or died). */
  closeReceiverEnd(primary: DbNode, replica: DbNode): void {
    this.receiving[primary.index][replica.index] = false;
  }

  /**
   * Every stream `primary` serves closes (it restarted its role: promoted, demoted). Returns
   * the indexes of the replicas whose stream was open: the other ends of those connections.
   */
  closeServedBy(primary: DbNode): number[] {
    const row = this.open[primary.index];
    const ends: number[] = [];
    for (let i = 0; i < row.length; i++) if (row[i]) ends.push(i);
    row.fill(false);
    this.receiving[primary.index].fill(false);
    return ends;
  }
}
