import type { IssuePath, RawIssue } from './issues.ts';
import type { ScenarioDoc } from './schema/scenario.ts';
import { parseDuration } from './units.ts';

const SECOND_US = 1_000_000;

/**
 * A proxy that routes on MySQL's Seconds_Behind_Source sees lag in whole seconds, and its
 * bound is whole seconds too (ProxySQL's `max_replication_lag` and MaxScale's
 * `max_slave_replication_lag` are integers of seconds). A `maxLag` below one second, or
 * between two whole seconds, on such a monitor would promise a bound the monitor cannot see,
 * so the file is refused rather than run with a bound that means something else.
 */
export function checkLagThresholds(doc: ScenarioDoc): RawIssue[] {
  if (doc.monitor.measure !== 'seconds-behind') return [];
  const issues: RawIssue[] = [];
  const check = (routing: ScenarioDoc['routing'] | undefined, path: IssuePath) => {
    if (!routing || routing.reads !== 'bounded-staleness') return;
    const us = parseDuration(routing.maxLag);
    if (us >= SECOND_US && us % SECOND_US === 0) return;
    const shown = typeof routing.maxLag === 'number' ? `${routing.maxLag}ms` : routing.maxLag;
    const what = us < SECOND_US ? 'below one second' : 'not a whole number of seconds';
    issues.push({
      path,
      message:
        `maxLag ${shown} is ${what}, but monitor.measure is seconds-behind: Seconds_Behind_Source counts whole seconds, ` +
        `and proxies that route on it take whole seconds (ProxySQL max_replication_lag, MaxScale max_slave_replication_lag). ` +
        `Use a whole number of seconds (at least 1s), or monitor.measure: heartbeat for a finer bound.`,
    });
  };
  check(doc.routing, ['routing', 'maxLag']);
  doc.workload.forEach((g, i) => check(g.routing, ['workload', i, 'routing', 'maxLag']));
  return issues;
}
