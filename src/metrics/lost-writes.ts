import type { LogEntry } from '../model/log-entry.ts';
import type { DbNode } from '../model/node.ts';
import type { WriteOp } from '../model/ops.ts';

export interface LostWrite {
  opId: number;
  lsn: number;
  term: number;
  node: string;
  atUs: number;
}

/**
 * Acknowledged writes that are not in the history of the surviving primary (DESIGN.md "lost
 * write"). The model marks an op `discarded` when its entry leaves history; a write counts
 * as lost once it is both discarded and acknowledged, in whichever order those happen (a
 * deposed primary can acknowledge a write that is already doomed).
 */
export class LostWriteLedger {
  lostAcknowledged = 0;
  readonly lost: LostWrite[] = [];
  private readonly counted = new Set<number>();

  rolledBack(node: DbNode, entries: LogEntry[], now: number): void {
    for (const e of entries) if (e.op.ackUs >= 0) this.count(e.op, node.id, now);
  }

  acked(op: WriteOp, now: number): void {
    if (op.discarded) this.count(op, '', now);
  }

  private count(op: WriteOp, node: string, now: number): void {
    if (this.counted.has(op.id)) return; // the same entry may be rolled back on several nodes
    this.counted.add(op.id);
    this.lostAcknowledged++;
    this.lost.push({ opId: op.id, lsn: op.lsn, term: op.term, node, atUs: now });
  }
}
