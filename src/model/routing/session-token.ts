import type { ClientGroup } from '../client-group.ts';
import type { RoutingConfig } from '../config.ts';
import { lsnOf as lsnOfToken, type Version } from '../version.ts';
import type { ReadPolicyFactory } from './policy.ts';
import { primaryOf, Rotation, routeTo } from './policy.ts';

/** How a token policy explains its routes (shown in the trace and the visualizer). */
export interface TokenWording {
  noToken: string;
  wait: (lsn: number, timeoutMs: number) => string;
  noneKnown: (lsn: number) => string;
  known: (lsn: number) => string;
}

/**
 * The mechanism shared by read-your-writes and monotonic reads: the session carries a token
 * (a version) and a read must land where that version has been applied. `mode: wait` sends it
 * round-robin and lets the replica hold it until it has applied the token (at most `timeout`,
 * then the primary); `mode: fallback-primary` sends it to a replica the monitor has seen at
 * the token, else to the primary. A session without a token reads from any replica.
 */
export function tokenPolicy(
  tokenOf: (group: ClientGroup, session: number) => Version,
  words: TokenWording,
): ReadPolicyFactory<Extract<RoutingConfig, { reads: 'read-your-writes' | 'monotonic' }>> {
  return ({ mode, timeoutUs }) => {
    const rotation = new Rotation();
    return {
      route(view, group, session) {
        const token = tokenOf(group, session);
        const replicas = view.replicas();
        if (replicas.length === 0) return routeTo(primaryOf(view), 'no replica: primary');
        if (token === 0) return routeTo(rotation.pick(replicas), words.noToken);
        if (mode === 'wait') return routeTo(rotation.pick(replicas), words.wait(lsnOfToken(token), timeoutUs / 1000), token, timeoutUs);
        const known = replicas.filter((r) => view.monitoredAppliedVersion(r) >= token);
        if (known.length === 0) return routeTo(primaryOf(view), words.noneKnown(lsnOfToken(token)));
        return routeTo(rotation.pick(known), words.known(lsnOfToken(token)));
      },
    };
  };
}

