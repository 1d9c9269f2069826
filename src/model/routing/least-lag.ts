import type { DbNode } from '../node.ts';
import type { ReadPolicyFactory } from './policy.ts';
import { ms, primaryOf, Rotation, routeTo } from './policy.ts';

/**
 * Each read goes to the replica the lag monitor last saw least behind; ties (typically all
 * at 0) rotate, so an idle cluster still spreads reads. Like a proxy's "least behind"
 * balancing (MaxScale readconnroute/readwritesplit with `slave_selection_criteria` tuned to
 * replication lag). No guarantee: the monitor's number is up to one interval old, and 0 lag
 * does not mean this key's latest write has been applied.
 */
export const leastLagPolicy: ReadPolicyFactory = () => {
  const ties = new Rotation();
  return {
    route(view) {
      const replicas = view.replicas();
      if (replicas.length === 0) return routeTo(primaryOf(view), 'no replica: primary');
      let best = Infinity;
      let candidates: DbNode[] = [];
      for (const r of replicas) {
        const lag = view.monitoredLagUs(r);
        if (lag < best) {
          best = lag;
          candidates = [r];
        } else if (lag === best) candidates.push(r);
      }
      if (candidates.length === 0) return routeTo(primaryOf(view), 'no monitored replica: primary');
      const node = ties.pick(candidates);
      return routeTo(node, `least lag (monitor: ${ms(best)})`);
    },
  };
};
