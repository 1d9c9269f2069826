import { describe, expect, it } from 'vitest';
import { parseScenario, scenarioFromObject } from '../../src/scenario/index.ts';
import { BASE } from './helpers.ts';

describe('defaults', () => {
  const c = parseScenario(BASE, 'dir/minimal-world.yaml').config;

  it('names the scenario after its file and uses seed 1 for 60 seconds', () => {
    expect(c.name).toBe('minimal-world');
    expect(c.seed).toBe(1);
    expect(c.durationUs).toBe(60_000_000);
  });

  it('fills every timing with its documented default', () => {
    expect(c.replication).toEqual({
      mode: 'async',
      commitTime: { dist: 'constant', value: 1000 },
      flushTime: { dist: 'constant', value: 200 },
      parallelism: 'writeset',
      waitFor: 1,
      ackOn: 'receive',
      waitPoint: 'after-sync',
      timeoutUs: 10_000_000,
      quorum: 'first',
      standbys: ['r1', 'r2'],
      waitNoReplica: true,
      // PostgreSQL's defaults (flavor postgres): wal_retrieve_retry_interval 5 s,
      // wal_sender_timeout and wal_receiver_timeout 60 s, wal_receiver_status_interval 10 s,
      // synchronous_commit on, wal_writer_delay 200 ms.
      reconnectUs: 5_000_000,
      senderTimeoutUs: 60_000_000,
      receiverTimeoutUs: 60_000_000,
      statusIntervalUs: 10_000_000,
      localFlush: 'commit',
      flushIntervalUs: 200_000,
    });
    expect(c.nodes[1].applyTime).toEqual({ dist: 'constant', value: 200 });
    expect(c.network).toEqual({
      latency: { dist: 'constant', value: 500 },
      clientLatency: { dist: 'constant', value: 500 },
      bandwidthBitsPerSec: null, // unlimited
      rtoMinUs: 200_000, // Linux TCP_RTO_MIN
      links: [],
    });
    expect(c.routing).toEqual({ reads: 'round-robin' });
    expect(c.failover).toEqual({
      flavor: 'postgres',
      automatic: true,
      heartbeatUs: 1_000_000,
      missedBeats: 3,
      confirmByReplicas: false,
      maxLagOnFailoverUs: null,
      cooldownUs: 60_000_000,
      fencing: 'none',
      leaseTtlUs: 3_000_000,
      minReplicas: 1,
      minReplicasMaxLagUs: 10_000_000,
      priorityOrder: false,
      promoteTimeUs: 0,
      surveyTimeoutUs: 1_000_000, // one heartbeat
    });
    expect(c.clients).toEqual({ writeTimeoutUs: 1_000_000, writeRetries: 2, retryDelayUs: 100_000 });
    expect(c.monitor.intervalUs).toBe(1_000_000);
    expect(c.workload).toEqual([]);
    expect(c.faults).toEqual([]);
    expect(c.keyCount).toBe(1000);
  });

  it('spaces the lag series at duration/600 rounded to whole ms, never under 1ms', () => {
    expect(c.seriesIntervalUs).toBe(100_000);
    expect(parseScenario(`${BASE}duration: 100ms\n`, 't.yaml').config.seriesIntervalUs).toBe(1_000);
    expect(parseScenario(`${BASE}duration: 1s\nreport: { seriesInterval: 50ms }\n`, 't.yaml').config.seriesIntervalUs).toBe(50_000);
  });

  it('resolves waitFor: all to the number of sync candidates', () => {
    const s = parseScenario(`${BASE}replication: { mode: sync, waitFor: all }\n`, 't.yaml');
    expect(s.config.replication.waitFor).toBe(2);
  });

  it('validates an in-memory object the same way, without line numbers', () => {
    const s = scenarioFromObject({ nodes: [{ id: 'a', role: 'primary' }], duration: '2s' }, 'ui');
    expect(s.config.durationUs).toBe(2_000_000);
    expect(() => scenarioFromObject({ nodes: [{ id: 'a', role: 'primary', aplyTime: 1 }] }, 'ui')).toThrow(
      /^ui: nodes\[0\]\.aplyTime: unknown field `aplyTime` \(did you mean `applyTime`\?\)$/,
    );
  });
});

describe('richer sections', () => {
  it('resolves rate schedules, zipf keys, follows, viewOwn and per-group routing', () => {
    const s = parseScenario(
      `${BASE}workload:
  - name: up
    sessions: 5
    writes:
      rate: [{ at: 0, rate: 10/s }, { at: 30s, rate: 600/m }]
      keys: { count: 5000, dist: zipf, s: 1.2 }
      viewOwn: { probability: 0.5 }
  - name: fans
    follows: { group: up, readsPerWrite: 3, delay: { dist: exponential, mean: 2s } }
    routing: { reads: bounded-staleness, maxLag: 100ms, mode: fallback-primary }
`,
      't.yaml',
    );
    const [up, fans] = s.config.workload;
    expect(up.writes).toEqual({
      rate: [{ atUs: 0, perSec: 10 }, { atUs: 30_000_000, perSec: 10 }],
      keys: { kind: 'zipf', count: 5000, s: 1.2 },
      sizeBytes: 1000, // 1KB
      viewOwn: { probability: 0.5, delay: { dist: 'constant', value: 1_000_000 } },
    });
    expect(fans).toEqual({
      name: 'fans',
      sessions: 1,
      follows: { group: 'up', readsPerWrite: 3, delay: { dist: 'exponential', mean: 2_000_000 } },
      // A policy gets only its own settings: bounded-staleness has no use for mode.
      routing: { reads: 'bounded-staleness', maxLagUs: 100_000 },
    });
    expect(s.config.keyCount).toBe(5000);
  });

  it('maps every kind of fault', () => {
    const s = parseScenario(
      `${BASE}faults:
  - { at: 1s, partition: [[p], [r1]], oneWay: true, for: 2s }
  - { at: 2s, heal: true }
  - { at: 3s, degrade: { from: p, to: r1, extraDelay: 5ms, loss: 0.1 }, until: 4s }
  - { at: 3s, degrade: { between: [p, r2], latencyFactor: 3 } }
  - { at: 5s, stallApply: r2, for: 500ms }
  - { at: 6s, slowPrimary: { factor: 4 }, until: 7s }
  - { at: 8s, promote: r1 }
  - { at: 9s, switchover: r2 }
`,
      't.yaml',
    );
    expect(s.config.faults).toEqual([
      { atUs: 1e6, untilUs: 3e6, kind: 'partition', sides: [['p'], ['r1']], oneWay: true },
      { atUs: 2e6, kind: 'heal' },
      { atUs: 3e6, untilUs: 4e6, kind: 'degrade', from: 'p', to: 'r1', oneWay: true, latencyFactor: 1, loss: 0.1, extraDelay: { dist: 'constant', value: 5000 } },
      { atUs: 3e6, kind: 'degrade', from: 'p', to: 'r2', oneWay: false, latencyFactor: 3, loss: 0, extraDelay: null },
      { atUs: 5e6, untilUs: 5.5e6, kind: 'stall-apply', node: 'r2' },
      { atUs: 6e6, untilUs: 7e6, kind: 'slow-primary', factor: 4 },
      { atUs: 8e6, kind: 'promote', node: 'r1' },
      { atUs: 9e6, kind: 'switchover', node: 'r2' },
    ]);
  });

  it('stalls an applier for 10s when the fault gives no end', () => {
    const s = parseScenario(`${BASE}faults:\n  - { at: 5s, stallApply: r2 }\n`, 't.yaml');
    expect(s.config.faults).toEqual([{ atUs: 5e6, untilUs: 15e6, kind: 'stall-apply', node: 'r2' }]);
  });

  it('types every failover setting, times in microseconds', () => {
    const c = parseScenario(
      `${BASE}failover: { automatic: false, heartbeat: 200ms, maxLagOnFailover: 2s, fencing: lease, leaseTtl: 5s, minReplicas: 2, minReplicasMaxLag: 3s, priorityOrder: true, cooldown: 10s, promoteTime: 50ms, confirmByReplicas: true }\n`,
      't.yaml',
    ).config;
    expect(c.failover).toEqual({
      flavor: 'postgres',
      automatic: false,
      heartbeatUs: 200_000,
      missedBeats: 3,
      confirmByReplicas: true,
      maxLagOnFailoverUs: 2_000_000,
      cooldownUs: 10_000_000,
      fencing: 'lease',
      leaseTtlUs: 5_000_000,
      minReplicas: 2,
      minReplicasMaxLagUs: 3_000_000,
      priorityOrder: true,
      promoteTimeUs: 50_000,
      surveyTimeoutUs: 200_000, // one heartbeat
    });
  });

  it('takes MySQL defaults with flavor mysql: SOURCE_CONNECT_RETRY 60 s, innodb_flush_log_at_timeout 1 s', () => {
    const r = parseScenario(`${BASE}failover: { flavor: mysql }\n`, 't.yaml').config.replication;
    expect(r.reconnectUs).toBe(60_000_000);
    expect(r.flushIntervalUs).toBe(1_000_000);
    const set = parseScenario(`${BASE}failover: { flavor: mysql }\nreplication: { reconnect: 2s, flushInterval: 50ms }\n`, 't.yaml').config.replication;
    expect([set.reconnectUs, set.flushIntervalUs]).toEqual([2_000_000, 50_000]);
  });

  it('takes 0 as "no timeout" and refuses a timeout under 1ms', () => {
    expect(parseScenario(`${BASE}replication: { senderTimeout: 0, receiverTimeout: 0s }\n`, 't.yaml').config.replication.senderTimeoutUs).toBe(0);
    expect(() => parseScenario(`${BASE}replication: { receiverTimeout: 500us }\n`, 't.yaml')).toThrow(/0 \(off\) or at least 1ms/);
  });

  it('derives the lease from heartbeat × missedBeats when leaseTtl is not given', () => {
    const c = parseScenario(`${BASE}failover: { heartbeat: 200ms, missedBeats: 4, fencing: lease }\n`, 't.yaml').config;
    expect(c.failover.leaseTtlUs).toBe(800_000);
  });

  it('gives each routing policy its own settings with their defaults', () => {
    const routingOf = (r: string) => parseScenario(`${BASE}routing: ${r}\n`, 't.yaml').config.routing;
    expect(routingOf('{ reads: bounded-staleness }')).toEqual({ reads: 'bounded-staleness', maxLagUs: 1_000_000 });
    expect(routingOf('{ reads: read-your-writes }')).toEqual({ reads: 'read-your-writes', mode: 'wait', timeoutUs: 1_000_000 });
    expect(routingOf('{ reads: monotonic, mode: fallback-primary, timeout: 20ms }')).toEqual({ reads: 'monotonic', mode: 'fallback-primary', timeoutUs: 20_000 });
    expect(routingOf('{ reads: primary-after-write }')).toEqual({ reads: 'primary-after-write', periodUs: 2_000_000 });
    expect(routingOf('{ reads: sticky, maxLag: 5s }')).toEqual({ reads: 'sticky' });
  });
});
