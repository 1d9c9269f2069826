import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/scenario/index.ts';
import { lognormalFromMedianP99 } from '../../src/sim/distributions/index.ts';

const text = readFileSync(new URL('./fixtures/design-example.yaml', import.meta.url), 'utf8');

describe('the example scenario of DESIGN.md', () => {
  const s = parseScenario(text, 'scenarios/design-example.yaml');
  const c = s.config;

  it('parses with its name, seed and duration in microseconds', () => {
    expect(c.name).toBe('Photo upload');
    expect(c.seed).toBe(7);
    expect(c.durationUs).toBe(60_000_000);
  });

  it('gives every node an apply time, from the node or from replication.applyTime', () => {
    expect(c.nodes.map((n) => n.id)).toEqual(['primary', 'replica-1', 'replica-2']);
    expect(c.nodes[1].applyTime).toEqual({ dist: 'constant', value: 500 });
    expect(c.nodes[2].applyTime).toEqual({ dist: 'exponential', mean: 2000 });
    expect(c.nodes.every((n) => n.applyWorkers === 1 && n.priority === 0)).toBe(true);
  });

  it('resolves replication settings to microseconds', () => {
    expect(c.replication).toMatchObject({
      mode: 'async',
      commitTime: { dist: 'constant', value: 200 },
      flushTime: { dist: 'constant', value: 200 },
      waitFor: 1,
      ackOn: 'receive',
      waitPoint: 'after-sync',
      timeoutUs: 10_000_000,
      quorum: 'first',
      standbys: ['replica-1', 'replica-2'],
    });
  });

  it('turns a `between` link into two directed links', () => {
    expect(c.network.latency).toEqual(lognormalFromMedianP99(1000, 5000));
    expect(c.network.clientLatency).toEqual({ dist: 'constant', value: 500 });
    expect(c.network.links).toEqual([
      { from: 'primary', to: 'replica-2', latency: { dist: 'constant', value: 80_000 } },
      { from: 'replica-2', to: 'primary', latency: { dist: 'constant', value: 80_000 } },
    ]);
  });

  it('resolves workload rates and keys', () => {
    expect(c.workload[0]).toEqual({
      name: 'uploaders',
      sessions: 50,
      writes: { rate: [{ atUs: 0, perSec: 20 }], keys: { kind: 'uniform', count: 1000 }, sizeBytes: 1000 },
    });
    expect(c.workload[1].reads).toEqual({ rate: [{ atUs: 0, perSec: 400 }], keys: { kind: 'uniform', count: 1000 } });
    expect(c.keyCount).toBe(1000);
  });

  it('resolves routing, failover and monitor', () => {
    expect(c.routing).toEqual({ reads: 'round-robin' });
    expect(c.failover).toMatchObject({ automatic: true, heartbeatUs: 1_000_000, missedBeats: 3 });
    expect(c.monitor).toMatchObject({ intervalUs: 1_000_000 });
    expect(c.seriesIntervalUs).toBe(100_000);
  });

  it('maps faults to timed FaultConfigs', () => {
    expect(c.faults).toEqual([
      { atUs: 20_000_000, untilUs: 25_000_000, kind: 'partition', sides: [['primary'], ['replica-1', 'replica-2']], oneWay: false },
      { atUs: 30_000_000, kind: 'crash', node: 'primary', loseInFlight: false },
      { atUs: 45_000_000, kind: 'recover', node: 'primary' },
    ]);
  });

  it('keeps the expect lines as written, narration in microseconds, and the raw document', () => {
    expect(s.expect).toEqual(['reads.staleFraction < 0.05', 'writes.lostAcknowledged == 0']);
    expect(s.narration).toEqual([{ atUs: 0, text: 'Every upload is a write to the primary.' }]);
    expect((s.document as { name: string }).name).toBe('Photo upload');
  });
});
