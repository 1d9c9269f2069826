import type { DbNode } from './node.ts';

/**
 * The replication streams: one connection per (primary, replica) pair, like the TCP
 * connection of a MySQL binlog dump or a PostgreSQL walsender. Its state is the
 * connection's, seen from both ends, so no node writes into another node's fields: a replica
 * opens one by subscribing (the primary accepts), and a close by either end, a crash or a
 * cut link is seen at both ends, as a reset connection is.
 */
export class ReplicationStreams {
  /** open[primaryIndex][replicaIndex]. */
  private readonly open: boolean[][] = [];
  /** Told when an open stream is closed from the replica's side or by its crash (the primary's end sees it go). */
  onClosed: ((primary: number, replica: number) => void) | null = null;

  constructor(nodeCount: number) {
    for (let i = 0; i < nodeCount; i++) this.open.push(new Array<boolean>(nodeCount).fill(false));
  }

  /** The primary's end: by replica index, whether it has an open stream to that node. */
  from(primary: DbNode): readonly boolean[] {
    return this.open[primary.index];
  }

  isOpen(primary: DbNode, replica: DbNode): boolean {
    return this.open[primary.index][replica.index];
  }

  /** The primary accepted the replica's subscription. */
  accept(primary: DbNode, replica: DbNode): void {
    this.open[primary.index][replica.index] = true;
  }

  close(primary: DbNode, replica: DbNode): void {
    if (!this.open[primary.index][replica.index]) return;
    this.open[primary.index][replica.index] = false;
    this.onClosed?.(primary.index, replica.index);
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
    return ends;
  }

  /**
   * Every stream from and to `node` is gone (it crashed). Returns the indexes of the replicas
   * whose stream from it was open: the other ends of those connections.
   */
  closeAllOf(node: DbNode): number[] {
    const ends = this.closeServedBy(node);
    for (let p = 0; p < this.open.length; p++) {
      if (!this.open[p][node.index]) continue;
      this.open[p][node.index] = false;
      this.onClosed?.(p, node.index);
    }
    return ends;
  }
}
