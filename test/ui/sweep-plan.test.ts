import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildPlan } from '../../src/cli/sweep/plan.ts';
import { parseVary } from '../../src/cli/sweep/spec.ts';
import { parseScenario } from '../../src/scenario/index.ts';
import { VaryError } from '../../src/scenario/vary/spec.ts';
import { planSweep } from '../../src/ui/sweep/plan.ts';

const ROOT = join(import.meta.dirname, '../..');
const FILE = 'photo-upload.yaml';
const scenario = parseScenario(readFileSync(join(ROOT, 'scenarios', FILE), 'utf8'), FILE);

// The page's sweep panel plans its runs itself (it has no files); every job must be the very
// document `repsim sweep` would run, or the page's numbers could not equal the CLI's.
describe('the sweep panel plans the jobs repsim sweep plans', () => {
  it('same points, seeds and documents for two varied paths, N seeds and --duration', () => {
    const specs = ['network.links.0.latency=1ms..41ms:3', 'replication.mode=async,semi-sync'];
    const page = planSweep({ document: scenario.document, specs, seedCount: 2, firstSeed: scenario.config.seed, duration: '5s' });
    const cli = buildPlan({
      file: FILE, scenario, vary: specs.map(parseVary), seeds: [7, 8], durationMs: 5000, metrics: ['reads.staleFraction'], allowLarge: false,
    });
    expect(page.shape.points).toBe(cli.header.points);
    expect(page.shape.seeds).toEqual(cli.header.seeds);
    expect(page.shape.vary).toEqual(cli.header.vary);
    expect(page.jobs.map(({ index, point, seed, document }) => ({ index, point, seed, document })))
      .toEqual(cli.jobs.map(({ index, point, seed, document }) => ({ index, point, seed, document })));
    expect(page.jobs).toHaveLength(3 * 2 * 2);
  });

  it('an empty duration keeps the file\'s own, as a sweep without --duration does', () => {
    const page = planSweep({ document: scenario.document, specs: ['replication.mode=async', ''], seedCount: 1, firstSeed: 7, duration: ' ' });
    expect(page.durationMs).toBeNull();
    expect((page.jobs[0].document as { duration: unknown }).duration).toBe((scenario.document as { duration: unknown }).duration);
  });

  it('refuses what the CLI refuses, with the same words (less the command name)', () => {
    const bad = 'network.links.0.latency=1ms..40s:3';
    let pageError: unknown;
    try {
      planSweep({ document: scenario.document, specs: [bad], seedCount: 1, firstSeed: 7, duration: '' });
    } catch (e) {
      pageError = e;
    }
    expect(pageError).toBeInstanceOf(VaryError);
    const { subject, problem } = pageError as VaryError;
    expect(() => parseVary(bad)).toThrow(`repsim sweep: --vary ${subject}: ${problem}`);
    expect(() => planSweep({ document: scenario.document, specs: ['nodes.9.applyTime=1ms'], seedCount: 1, firstSeed: 7, duration: '' }))
      .toThrow('nodes.9.applyTime: unknown path: nodes is a list of 4 entries');
    expect(() => planSweep({ document: scenario.document, specs: ['', ' '], seedCount: 1, firstSeed: 7, duration: '' })).toThrow(/at least one setting/);
    expect(() => planSweep({ document: scenario.document, specs: ['replication.mode=async'], seedCount: 2, firstSeed: 'abc', duration: '' })).toThrow(/not a number/);
  });
});
