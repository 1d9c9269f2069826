import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/metrics/simulate.ts';
import type { TraceRecord } from '../../src/model/trace.ts';
import { parseScenario } from '../../src/scenario/index.ts';
import { builtinScenarioFiles, SCENARIO_DIR as SCENARIOS } from '../scenario/builtin-files.ts';

const builtins = builtinScenarioFiles();

/**
 * The trace's first record carries the resolved settings, so a view (the browser page)
 * reads a setting from the run instead of keeping its own default for it.
 */
describe('the meta record carries the resolved config', () => {
  it('finds the built-in scenarios', () => expect(builtins.length).toBeGreaterThan(0));

  for (const file of builtins) {
    it(`${file}: the config survives JSON unchanged (no Infinity, no undefined values)`, () => {
      const { config } = parseScenario(readFileSync(join(SCENARIOS, file), 'utf8'), file);
      expect(JSON.parse(JSON.stringify(config))).toStrictEqual(config);
    });
  }

  it('is the config the run used, faults aside', () => {
    const file = 'split-brain-fenced.yaml';
    // A 1 ms run: the meta record is written before the first event.
    const config = { ...parseScenario(readFileSync(join(SCENARIOS, file), 'utf8'), file).config, durationUs: 1_000 };
    const records: TraceRecord[] = [];
    simulate(config, { trace: (r) => records.push(r) });
    const meta = records[0];
    expect(meta.type).toBe('meta');
    const { faults, ...settings } = config;
    expect(faults.length).toBeGreaterThan(0);
    // Faults are left out: each is a record when it fires, so the meta record does not foretell them.
    expect(meta.type === 'meta' && meta.config).toStrictEqual(settings);
  });
});
