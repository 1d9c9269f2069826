import { readFileSync } from 'node:fs';
import { builtinScenarioFiles } from './builtin-files.ts';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/metrics/simulate.ts';
import { parseScenario } from '../../src/scenario/index.ts';
import { EVENT_BUDGET, estimateWork, overBudget } from '../../src/scenario/work-estimate.ts';

const DIR = join(import.meta.dirname, '../../scenarios');
const files = builtinScenarioFiles();
const load = (f: string) => parseScenario(readFileSync(join(DIR, f), 'utf8'), f);

describe('the work estimate', () => {
  // Faults and failovers only remove work (a crashed node applies nothing), so the estimate
  // is an upper bound, and it counts the mechanism closely enough to be within 2× of it.
  it.each(files)('bounds the events of %s from above, within a factor of two', (f) => {
    const scenario = load(f);
    const { events } = simulate(scenario.config);
    const estimate = estimateWork(scenario.config).events;
    expect(estimate).toBeGreaterThanOrEqual(events);
    expect(estimate).toBeLessThanOrEqual(2 * events);
  });

  it('grows linearly with the duration and refuses a run far over budget, naming what drives it', () => {
    const { config } = load('photo-upload.yaml');
    const one = estimateWork(config).events;
    const long = { ...config, durationUs: config.durationUs * 10_000 };
    expect(estimateWork(long).events).toBeCloseTo(one * 10_000, -3);
    expect(estimateWork(long).events).toBeGreaterThan(EVENT_BUDGET);
    expect(overBudget(estimateWork(config))).toBeNull();
    expect(overBudget(estimateWork(long))).toMatch(/workload\[1\]\.reads\.rate/);
  });

  it('counts memory for keys on every node', () => {
    const { config } = load('photo-upload.yaml');
    const huge = { ...config, keyCount: 10_000_000, nodes: Array.from({ length: 200 }, (_, i) => ({ ...config.nodes[1], id: `r${i}` })) };
    expect(overBudget(estimateWork(huge))).toMatch(/GB of state .*keys × nodes/);
  });
});
