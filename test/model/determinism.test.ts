import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/scenario/index.ts';
import { configFrom, runTraced } from './helpers.ts';
import type { WorldConfig } from '../../src/model/config.ts';

function traceHash(config: WorldConfig): string {
  const hash = createHash('sha256');
  runTraced(config).trace.forEach((r) => hash.update(JSON.stringify(r) + '\n'));
  return hash.digest('hex');
}

const photo = () => parseScenario(readFileSync('scenarios/photo-upload.yaml', 'utf8'), 'photo-upload.yaml').config;

describe('determinism', () => {
  it('gives a byte-identical trace for the same scenario and seed', () => {
    const config = { ...photo(), durationUs: 10_000_000 };
    expect(traceHash(config)).toBe(traceHash(config));
  });

  it('gives a different trace for a different seed', () => {
    const config = { ...photo(), durationUs: 10_000_000 };
    expect(traceHash({ ...config, seed: 8 })).not.toBe(traceHash(config));
  });

  it('keeps the workload’s arrivals when a replica is added (common random numbers)', () => {
    const scenario = (replicas: number) =>
      configFrom(`
name: crn
seed: 21
duration: 5s
nodes:
  - { id: primary, role: primary }
${Array.from({ length: replicas }, (_, i) => `  - { id: replica-${i + 1}, role: replica }`).join('\n')}
network: { latency: { dist: exponential, mean: 2ms } }
workload:
  - { name: uploaders, sessions: 20, writes: { rate: 50/s, keys: 100 } }
  - { name: viewers, sessions: 50, reads: { rate: 200/s, keys: 100 } }
routing: { reads: random }
`);
    const arrivals = (config: WorldConfig) =>
      runTraced(config).trace.flatMap((r) =>
        r.type === 'write.issue' || r.type === 'read.issue' ? [`${r.type} ${r.t} ${r.group} ${r.session} ${r.key}`] : [],
      );
    const two = arrivals(scenario(2));
    const three = arrivals(scenario(3));
    expect(two.length).toBeGreaterThan(1000);
    expect(three).toEqual(two);
  });
});
