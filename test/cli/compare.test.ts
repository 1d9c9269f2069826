import { describe, expect, it } from 'vitest';
import type { MetricComparison } from '../../src/cli/compare/summarize.ts';
import { PROCESS_TEST_TIMEOUT_MS, STACK_FRAME, repsim } from './repsim-process.ts';
import { cli, SMALL_SCENARIO, smallScenario } from './sweep-fixture.ts';

interface CompareJson {
  seeds: number[];
  metrics: MetricComparison[];
}

describe.concurrent('repsim compare', { timeout: PROCESS_TEST_TIMEOUT_MS }, () => {
  it('finds differences of exactly zero, with a zero-width interval, for two identical setups', async () => {
    const a = smallScenario();
    const b = smallScenario(SMALL_SCENARIO, 'copy.yaml');
    const result = await cli(['compare', a.file, b.file, '--seeds', '3', '--format', 'json', '--jobs', '1']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const out = JSON.parse(result.stdout) as CompareJson;
    expect(out.seeds).toEqual([11, 12, 13]);
    expect(out.metrics.length).toBeGreaterThan(20);
    for (const row of out.metrics) {
      expect(row.diff, row.metric).toEqual({ n: 3, mean: 0, sd: 0, low: 0, high: 0 });
      expect(row.b.mean, row.metric).toBe(row.a.mean);
    }
    // Not a vacuous zero: the runs did something.
    expect(out.metrics.find((r) => r.metric === 'reads.total')!.a.mean).toBeGreaterThan(100);
  });

  it('pairs by seed: semi-sync slows writes on every seed, so the interval lies above zero', async () => {
    const a = smallScenario();
    const b = smallScenario(SMALL_SCENARIO.replace('mode: async', 'mode: semi-sync'), 'semi.yaml');
    const result = await cli(['compare', a.file, b.file, '--seeds', '3', '--metrics', 'writes.latencyMs.mean,reads.total']);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(`A  ${a.file} (Small replica latency)`);
    expect(result.stdout).toContain('seeds 11 … 13 (3), paired by seed');
    const latency = result.stdout.split('\n').find((line) => line.trim().startsWith('writes.latencyMs.mean'))!;
    expect(latency).toMatch(/\[[\d.]+, [\d.]+\] \*$/);
    const reads = result.stdout.split('\n').find((line) => line.trim().startsWith('reads.total'))!;
    // The same users on both sides: the same reads were issued.
    expect(reads).toMatch(/\s0\s+\[0, 0\]$/);
  });

  it('says n/a instead of an interval for one seed, and writes CSV', async () => {
    const a = smallScenario();
    const table = await cli(['compare', a.file, a.file, '--metrics', 'reads.stale']);
    expect(table.stdout).toMatch(/reads\.stale\s+\S+\s+\S+\s+0\s+n\/a/);
    expect(table.stdout).toContain('one seed: no confidence interval (n/a)');
    const csv = await cli(['compare', a.file, a.file, '--metrics', 'reads.stale,reads.total', '--format', 'csv', '--seed', '5']);
    const lines = csv.stdout.trim().split('\n');
    expect(lines[0]).toBe('metric,n,a_mean,b_mean,diff_mean,diff_ci_low,diff_ci_high');
    expect(lines[1]).toMatch(/^reads\.stale,1,\d+,\d+,0,,$/);
    expect(lines).toHaveLength(3);
  });

  it.each([
    [['--seeds', '-1'], '--seeds must be a whole number from 1'],
    [['--seeds', '0'], '--seeds must be a whole number from 1'],
    [['--jobs', '0'], '--jobs must be a whole number from 1'],
    [['--format', 'xml'], '--format must be one of table, json, csv'],
    [['--metrics', 'reads.nope'], "unknown metric 'reads.nope'"],
  ])('refuses %j with exit 2 and a plain message', async (flags, message) => {
    const a = smallScenario();
    const result = await cli(['compare', a.file, a.file, ...flags]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stderr).not.toMatch(STACK_FRAME);
    expect(result.stdout).toBe('');
  });

  it('needs exactly two files, and says so from the real launcher without a stack trace', async () => {
    const result = await repsim(['compare', 'only.yaml', '--seeds', '-1']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('expected two scenario files A and B, got 1');
    expect(result.stderr).not.toMatch(STACK_FRAME);
  });
});
