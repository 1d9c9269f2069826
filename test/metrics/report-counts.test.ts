import { readFileSync } from 'node:fs';
import { builtinScenarioFiles } from '../scenario/builtin-files.ts';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/metrics/simulate.ts';
import { parseScenario } from '../../src/scenario/index.ts';
import { evaluateExpectations } from '../../src/metrics/expect.ts';

const DIR = join(import.meta.dirname, '../../scenarios');

describe('the report counts a read once, when its reply arrives', () => {
  it.each(builtinScenarioFiles())('%s: reads per node add up to the total', (f) => {
    const { config } = parseScenario(readFileSync(join(DIR, f), 'utf8'), f);
    const { reads } = simulate(config);
    expect(Object.values(reads.byNode).reduce((a, b) => a + b, 0)).toBe(reads.total);
    expect(Object.values(reads.byGroup).reduce((a, g) => a + g.total, 0)).toBe(reads.total);
  });
});

describe('ids are data, not object keys', () => {
  it('keeps the figures of nodes and groups named __proto__ and constructor', () => {
    const text = [
      'duration: 3s',
      'nodes: [{ id: primary, role: primary }, { id: __proto__, role: replica }, { id: constructor, role: replica }]',
      'workload: [{ name: __proto__, writes: { rate: 20/s }, reads: { rate: 100/s } }]',
      'expect: [replication.lagMs.__proto__.max >= 0, reads.byNode.constructor > 0]',
    ].join('\n');
    const scenario = parseScenario(text, 'proto.yaml');
    const report = simulate(scenario.config);
    expect(Object.keys(report.replication.lagMs)).toEqual(['__proto__', 'constructor']);
    expect(Object.keys(report.replication.applyDelayMs)).toEqual(['__proto__', 'constructor']);
    expect(Object.keys(report.reads.byGroup)).toEqual(['__proto__']);
    const byNode = new Map(Object.entries(report.reads.byNode));
    expect(byNode.get('__proto__')! + byNode.get('constructor')!).toBe(report.reads.total);
    // Round trip through JSON (what --format json prints) keeps them too.
    expect(Object.keys(JSON.parse(JSON.stringify(report)).replication.lagMs)).toEqual(['__proto__', 'constructor']);
    expect(evaluateExpectations(report, scenario.expect).map((e) => e.pass)).toEqual([true, true]);
  });
});
