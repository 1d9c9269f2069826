import type { FaultOf } from '../config.ts';
import type { World } from '../world-api.ts';
import { nodeOf } from './target.ts';

/**
 * Restart a crashed node. A primary replays its log (everything committed becomes visible,
 * as crash recovery does) and waits for its replicas to resubscribe; a replica resubscribes
 * from its durable position and restarts its applier from the applied position. Either
 * asks the failover manager who the primary is: a former primary that was replaced is told
 * to follow the new one and rolls back what the new primary lacks.
 */
export function recover(w: World, f: FaultOf<'recover'>): void {
  const node = nodeOf(w, f.node);
  if (!node || node.up) {
    w.observer.fault('recover', [f.node], 'not down', w.now);
    return;
  }
  node.up = true;
  w.observer.fault('recover', [f.node], `${node.id} restarted`, w.now);
  if (node.role === 'primary') {
    for (let lsn = node.appliedLsn + 1; lsn <= node.log.lastLsn; lsn++) {
      const e = node.log.at(lsn);
      if (e) node.applyToData(e);
    }
  } else {
    w.replica.connect(node);
    w.replica.kickApplier(node);
  }
  w.observer.nodeChanged(node, w.now);
  w.failover.nodeRestarted(node);
}
