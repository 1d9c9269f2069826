import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/metrics/report.ts';
import { PROCESS_TEST_TIMEOUT_MS, STACK_FRAME, repsim, variantOfDefaultScenario } from './repsim-process.ts';

describe.concurrent('failing and passing expect lines', { timeout: PROCESS_TEST_TIMEOUT_MS }, () => {
  const failing = variantOfDefaultScenario({ duration: '3s', expect: ['reads.total < 0', 'reads.total >= 0'] }, 'failing.yaml');
  const passing = variantOfDefaultScenario({ duration: '3s', expect: ['reads.total >= 0'] }, 'passing.yaml');

  it('check exits 1 and marks the failing line ✗ and the passing line ✓', async () => {
    const result = await repsim(['check', failing]);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain(failing);
    expect(result.stdout).toMatch(/✗ reads\.total < 0/);
    expect(result.stdout).toMatch(/✓ reads\.total >= 0/);
    expect(result.stderr).not.toMatch(STACK_FRAME);
  });

  it('check exits 0 when every line of every file passes', async () => {
    const result = await repsim(['check', passing, passing]);
    expect(result.status).toBe(0);
    expect(result.stdout).not.toContain('✗');
  });

  it('check exits 1 if any one of several files fails', async () => {
    expect((await repsim(['check', passing, failing])).status).toBe(1);
  });

  it('run exits 1 too, and its JSON records which expectation failed', async () => {
    const result = await repsim(['run', failing, '--format', 'json']);
    expect(result.status).toBe(1);
    const report = JSON.parse(result.stdout) as Report;
    expect(report.expectations.map((e) => [e.expr, e.pass])).toEqual([
      ['reads.total < 0', false],
      ['reads.total >= 0', true],
    ]);
  });

  it('validate accepts the file without running it', async () => {
    const result = await repsim(['validate', failing]);
    expect(result.status).toBe(0);
    expect(result.stdout.trim()).toBe(`ok ${failing}`);
  });
});
