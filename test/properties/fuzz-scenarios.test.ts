import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { simulate } from '../../src/metrics/simulate.ts';
import { parseScenario, ScenarioError } from '../../src/scenario/index.ts';
import { estimateWork, overBudget } from '../../src/scenario/work-estimate.ts';

/*
 * Issue 16's promise: no input that validates may hang, exhaust memory or crash. Mutants of
 * the built-in scenarios — one number, duration or rate replaced by a value at or beyond its
 * bounds, tiny or huge — must each be refused with located messages (exit 2), refused by the
 * work budget (exit 2), or run. A run is the first simulated second under a hard event limit,
 * so a mutant that makes the engine repeat events without time passing fails the property
 * instead of hanging the suite.
 */

const DIR = join(import.meta.dirname, '../../scenarios');
const scenarios = readdirSync(DIR)
  .filter((f) => f.endsWith('.yaml') && f !== 'course.yaml')
  .map((f) => ({ file: f, doc: parse(readFileSync(join(DIR, f), 'utf8')) as unknown }));

type Path = (string | number)[];

const DURATION = /^(\d+(\.\d+)?|\.\d+)\s*(us|µs|ms|s|m|h)$/;
const RATE = /^(\d+(\.\d+)?|\.\d+)\s*\/\s*(s|m|h)$/;

/** Every leaf a mutant may replace: numbers, and strings written as durations or rates. */
function leaves(node: unknown, path: Path = [], out: Path[] = []): Path[] {
  if (typeof node === 'number') out.push(path);
  else if (typeof node === 'string' && (DURATION.test(node) || RATE.test(node))) out.push(path);
  else if (Array.isArray(node)) node.forEach((v, i) => leaves(v, [...path, i], out));
  else if (node && typeof node === 'object') for (const [k, v] of Object.entries(node)) if (k !== 'expect' && k !== 'quiz') leaves(v, [...path, k], out);
  return out;
}

const NUMBERS = [0, -1, 1e-320, 1e-9, 0.5, 3, 1e6, 1e9, 1e15, 1e308, Number.MAX_SAFE_INTEGER];
const DURATIONS = ['0ms', '0us', '1us', '0.001us', '100000000h', '999999999999s'];
const RATES = ['0/s', '0.0000001/s', '100000000/s', '1/h'];

function mutate(doc: unknown, path: Path, pick: number): { doc: unknown; value: unknown } {
  const copy = structuredClone(doc) as Record<string | number, unknown>;
  let parent = copy as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const last = path[path.length - 1];
  const old = parent[last];
  const pool = typeof old === 'string' ? (RATE.test(old) ? [...RATES, ...NUMBERS] : [...DURATIONS, ...NUMBERS]) : NUMBERS;
  const value = pool[pick % pool.length];
  parent[last] = value;
  return { doc: copy, value };
}

describe('mutants of the built-in scenarios (issue 16)', () => {
  it('are refused with located messages, refused by the budget, or run — never a hang, a crash or an internal error', { timeout: 120_000 }, () => {
    const outcomes = { refused: 0, overBudget: 0, ran: 0 };
    fc.assert(
      fc.property(fc.nat(scenarios.length - 1), fc.nat(), fc.nat(), (s, leafPick, valuePick) => {
        const { file, doc } = scenarios[s];
        const paths = leaves(doc);
        const path = paths[leafPick % paths.length];
        const mutant = mutate(doc, path, valuePick);
        const where = `${file} with ${path.join('.')} = ${String(mutant.value)}`;
        let scenario;
        try {
          scenario = parseScenario(stringify(mutant.doc), 'mutant.yaml');
        } catch (error) {
          expect(error, where).toBeInstanceOf(ScenarioError);
          for (const issue of (error as ScenarioError).issues) expect(issue.line, `${where}: ${issue.path}: ${issue.message}`).toBeGreaterThan(0);
          outcomes.refused++;
          return;
        }
        if (overBudget(estimateWork(scenario.config)) !== null) {
          outcomes.overBudget++;
          return;
        }
        const config = { ...scenario.config, durationUs: Math.min(scenario.config.durationUs, 1_000_000) };
        const report = simulate(config, { maxEvents: 3_000_000 });
        expect(report.simulatedTimeMs, where).toBe(config.durationUs / 1000);
        outcomes.ran++;
      }),
      { seed: 16, numRuns: 300 },
    );
    // The property must exercise all three outcomes, or it proves less than it says.
    expect(outcomes.refused).toBeGreaterThan(0);
    expect(outcomes.overBudget).toBeGreaterThan(0);
    expect(outcomes.ran).toBeGreaterThan(0);
  });
});
