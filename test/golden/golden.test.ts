import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { describeChange, goldenPathOf, goldenRun, scenarioFiles } from '../../scripts/golden-run.ts';

// Every built-in scenario, run once as `repsim check` runs it: its `expect` lines must pass,
// and its rounded report and trace digest must equal test/golden/<name>.json. Reads only;
// `npm run golden` is what rewrites the goldens.
const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const scenarios = scenarioFiles(root);
// A scenario takes 0.3–1.5 s here on an idle core; generous for a busy 2-core machine.
const SCENARIO_TIMEOUT_MS = 60_000;

describe('golden runs of every scenario in scenarios/', () => {
  it('has one golden file per scenario, and none for a scenario that is gone', () => {
    const goldens = readdirSync(join(root, 'test', 'golden')).filter((f) => f.endsWith('.json')).map((f) => `test/golden/${f}`);
    expect(goldens.sort()).toEqual(scenarios.map(goldenPathOf).sort());
  });

  for (const scenario of scenarios) {
    it(`${scenario}: expect lines pass; report and trace match the golden`, { timeout: SCENARIO_TIMEOUT_MS }, () => {
      const run = goldenRun(root, scenario);
      const failing = run.failedExpectations.map((e) => `✗ ${e.expr} (actual ${String(e.actual)})`);
      expect.soft(failing, `${scenario}: failing expect lines`).toEqual([]);
      const path = join(root, run.goldenPath);
      const golden = existsSync(path) ? readFileSync(path, 'utf8') : null;
      expect(describeChange(golden, run), `${scenario} differs from ${run.goldenPath}: if that is intended, run \`npm run golden\` and review its output`).toEqual([]);
    });
  }
});
