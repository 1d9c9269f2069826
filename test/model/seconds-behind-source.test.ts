import { describe, expect, it } from 'vitest';
import { wholeSecondsBehind } from '../../src/model/monitor/lag-monitor.ts';
import { parseScenario } from '../../src/scenario/index.ts';
import { ScenarioError } from '../../src/scenario/issues.ts';
import { configFrom, runTraced } from './helpers.ts';

/**
 * MySQL's Seconds_Behind_Source as SHOW REPLICA STATUS reports it (show_slave_status in
 * sql/rpl_replica.cc): NULL when the applier has drained the relay log and the I/O thread is
 * not connected; otherwise whole seconds from the original commit timestamp of the event
 * being applied; 0 when the relay log is drained and the I/O thread is connected. A
 * ProxySQL-style router (bounded-staleness on `seconds-behind`) takes NULL as
 * mysql-monitor_slave_lag_when_null = 60 s, above its max_replication_lag, so it shuns the
 * replica.
 */
describe('Seconds_Behind_Source', () => {
  it('counts whole seconds of the clock and of the commit timestamp, as MySQL does', () => {
    // time(0) − event timestamp, both truncated to seconds: 0.9 s → 1.1 s reads 1, not 0.2.
    expect(wholeSecondsBehind(1_100_000, 900_000)).toBe(1);
    expect(wholeSecondsBehind(1_900_000, 1_000_000)).toBe(0);
    expect(wholeSecondsBehind(3_000_000, 999_999)).toBe(3);
  });

  // r1 is cut off from the primary from 5 s to 10 s. The cut is silent: r1's receiver (I/O
  // thread) notices only when nothing has arrived for receiverTimeout (replica_net_timeout,
  // here 1 s), by 6 s; then it retries every second in vain until the heal.
  const { trace, report } = runTraced(
    configFrom(`
seed: 5
duration: 14s
nodes:
  - { id: p, role: primary }
  - { id: r1, role: replica }
  - { id: r2, role: replica }
replication: { commitTime: 0.1ms, applyTime: 0.2ms, receiverTimeout: 1s, reconnect: 1s }
network: { latency: 1ms, clientLatency: 0.5ms }
workload:
  - { name: w, writes: { rate: 200/s, keys: 1000 } }
  - { name: readers, reads: { rate: 200/s, keys: 1000 }, routing: { reads: bounded-staleness, maxLag: 1s } }
monitor: { interval: 500ms, measure: seconds-behind }
failover: { automatic: false }
faults:
  - { at: 5s, partition: [[p], [r1]], until: 10s }
`),
  );
  const samples = trace.flatMap((r) => (r.type === 'monitor' && r.node === 'r1' ? [r] : []));
  const at = (s: number) => samples.find((r) => r.t === s * 1_000_000)!;

  it('reads 0 while the receiver is connected and the relay log drained, NULL once it is disconnected', () => {
    // Samples half-way through a second: an entry being applied then was committed a
    // millisecond or two earlier, in the same second, so it reads 0 either way. (On a whole
    // second a sample can catch one committed just before it and read 1: whole seconds.)
    for (const s of [1.5, 2.5, 3.5, 4.5]) expect(at(s).secondsBehindSource).toBe(0);
    // Cut but not yet noticed: the I/O thread still thinks it is connected, and the drained
    // relay log reads 0, as MySQL shows until replica_net_timeout expires.
    expect(at(5.5).ioRunning).toBe(true);
    expect(at(5.5).secondsBehindSource).toBe(0);
    for (const s of [6.5, 7, 8, 9]) {
      expect(at(s).ioRunning).toBe(false);
      expect(at(s).secondsBehindSource).toBeNull();
    }
    // After the heal the receiver reconnects (within its 1 s retry) and the value is back.
    expect(at(12.5).ioRunning).toBe(true);
    expect(at(12.5).secondsBehindSource).toBe(0);
    // 6.5 s to 9.5 s at least: 7 samples.
    expect(report.replication.monitor.byReplica.r1.secondsBehindSourceNull).toBeGreaterThanOrEqual(7);
    expect(report.replication.monitor.byReplica.r2.secondsBehindSourceNull).toBe(0);
  });

  it('a ProxySQL-style router shuns the replica while it reads NULL (lag taken as 60 s)', () => {
    for (const s of [6.5, 7, 8, 9]) expect(at(s).routedLagUs).toBe(60_000_000);
    // Reads issued between the first NULL sample and the sample after the heal: none to r1.
    const firstNull = samples.find((r) => r.secondsBehindSource === null)!.t;
    const back = samples.find((r) => r.t > firstNull && r.secondsBehindSource !== null)!.t;
    const reads = trace.flatMap((r) => (r.type === 'read.issue' && r.group === 'readers' ? [r] : []));
    const during = reads.filter((r) => r.t > firstNull && r.t < back);
    expect(during.length).toBeGreaterThan(500);
    expect(during.filter((r) => r.to === 'r1')).toEqual([]);
    // Before the cut r1 took its share (round-robin over two replicas).
    expect(reads.filter((r) => r.t < 5_000_000 && r.to === 'r1').length).toBeGreaterThan(300);
  });
});

describe('a seconds-based monitor refuses sub-second bounds', () => {
  const file = (maxLag: string) => `
nodes: [{ id: p, role: primary }, { id: r, role: replica }]
workload:
  - { name: readers, reads: { rate: 10/s, keys: 10 }, routing: { reads: bounded-staleness, maxLag: ${maxLag} } }
monitor: { measure: seconds-behind }
`;
  it('names the file, the line and the field, and says why', () => {
    let error: unknown;
    try {
      parseScenario(file('50ms'), 'lag.yaml');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ScenarioError);
    const issue = (error as ScenarioError).issues[0];
    expect(issue).toMatchObject({ file: 'lag.yaml', path: 'workload[0].routing.maxLag', line: 4 });
    expect(issue.message).toContain('below one second');
    expect(issue.message).toContain('seconds-behind');
  });

  it('refuses a fraction of a second too, and accepts whole seconds', () => {
    expect(() => parseScenario(file('1.5s'), 'lag.yaml')).toThrow(/not a whole number of seconds/);
    expect(parseScenario(file('2s'), 'lag.yaml').config.workload[0].routing).toEqual({ reads: 'bounded-staleness', maxLagUs: 2_000_000 });
  });
});
