import { lsnOf } from '../version.ts';
import type { ReadPolicyFactory } from './policy.ts';
import { primaryOf, Rotation, routeTo, timeParam } from './policy.ts';
import { DEFAULT_RYW_TIMEOUT_US } from './read-your-writes.ts';

/**
 * Monotonic reads with the session's read token (the newest version it has read). Reads go
 * round-robin over the replicas; a replica holds a read until it has applied the token (for
 * at most `timeout`, then the read is retried on the primary). A replica that has applied
 * version v holds every entry up to v, so it never returns an older version of a key than one
 * the session already saw. `mode: fallback-primary` instead sends the read to a replica the
 * monitor has seen at the token, else to the primary. (MongoDB causally consistent sessions
 * use the same idea with `afterClusterTime`.)
 */
export const monotonicPolicy: ReadPolicyFactory = (params) => {
  const mode = params.mode === 'fallback-primary' ? 'fallback-primary' : 'wait';
  const timeoutUs = timeParam(params, 'timeout', DEFAULT_RYW_TIMEOUT_US);
  const rotation = new Rotation();
  return {
    route(view, group, session) {
      const token = group.lastReadVersion[session];
      const replicas = view.replicas();
      if (replicas.length === 0) return routeTo(primaryOf(view), 'no replica: primary');
      if (token === 0) return routeTo(rotation.pick(replicas), 'no read token yet: any replica');
      if (mode === 'wait') {
        return routeTo(rotation.pick(replicas), `read token lsn ${lsnOf(token)}: wait (≤ ${timeoutUs / 1000}ms)`, token, timeoutUs);
      }
      const known = replicas.filter((r) => view.monitoredAppliedVersion(r) >= token);
      if (known.length === 0) return routeTo(primaryOf(view), `no replica known at read token lsn ${lsnOf(token)}: primary`);
      return routeTo(rotation.pick(known), `monitor saw read token lsn ${lsnOf(token)} here`);
    },
  };
};
