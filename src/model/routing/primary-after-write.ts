import type { RoutingConfig } from '../config.ts';
import type { ReadPolicyFactory } from './policy.ts';
import { ms, primaryOf, Rotation, routeTo } from './policy.ts';

/**
 * A session that had a write acknowledged less than `period` ago reads from the primary;
 * otherwise its reads go round-robin to the replicas. Rails' automatic role switching
 * (`DatabaseSelector`, `delay: 2.seconds`), many "stick to the master after a write" cookies.
 * Read-your-writes holds only if every replica's lag stays under `period`; nothing enforces it.
 */
export const primaryAfterWritePolicy: ReadPolicyFactory<Extract<RoutingConfig, { reads: 'primary-after-write' }>> = ({ periodUs }) => {
  const rotation = new Rotation();
  return {
    route(view, group, session) {
      const since = view.now() - group.lastWriteAckUs[session];
      if (since < periodUs) return routeTo(primaryOf(view), `wrote ${ms(since)} ago (< ${ms(periodUs)}): primary`);
      const replicas = view.replicas();
      if (replicas.length === 0) return routeTo(primaryOf(view), 'no replica: primary');
      return routeTo(rotation.pick(replicas), since === Infinity ? 'no recent write: replica' : `last write ${ms(since)} ago: replica`);
    },
  };
};
