import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/metrics/report.ts';
import { TRACE_SCHEMA_VERSION } from '../../src/model/trace.ts';
import { PROCESS_TEST_TIMEOUT_MS, STACK_FRAME, repsim, tempDir } from './repsim-process.ts';

const SHORT = ['--duration', '5s'];

async function runJson(args: string[]): Promise<{ report: Report; stdout: string }> {
  const result = await repsim(['run', '--format', 'json', ...args]);
  expect(result.stderr).not.toMatch(STACK_FRAME);
  expect(result.status).toBe(0);
  return { report: JSON.parse(result.stdout) as Report, stdout: result.stdout };
}

describe.concurrent('repsim run', { timeout: PROCESS_TEST_TIMEOUT_MS }, () => {
  it('runs the bundled photo-upload scenario when given no file, from any cwd, and exits 0', async () => {
    const result = await repsim(['run']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/Writes/);
    expect(result.stdout).toMatch(/Reads/);
  });

  it('prints exactly one JSON object with every field of the report contract', async () => {
    const { report } = await runJson(SHORT);
    expect(report).toEqual(
      expect.objectContaining({
        seed: expect.anything(),
        simulatedTimeMs: expect.any(Number),
        events: expect.any(Number),
        failovers: expect.any(Array),
        expectations: expect.any(Array),
      }),
    );
    expect(Object.keys(report.writes)).toEqual(expect.arrayContaining(['acknowledged', 'lostAcknowledged', 'latencyMs']));
    expect(Object.keys(report.writes.latencyMs)).toEqual(expect.arrayContaining(['mean', 'p50', 'p99', 'max']));
    expect(Object.keys(report.reads)).toEqual(
      expect.arrayContaining(['total', 'stale', 'staleFraction', 'rywViolations', 'monotonicViolations', 'byNode']),
    );
    expect(typeof report.replication.applyDelayMs).toBe('object');
    expect(typeof report.replication.lagMs).toBe('object');
    for (const summary of Object.values(report.replication.applyDelayMs)) {
      expect(Object.keys(summary)).toEqual(expect.arrayContaining(['mean', 'p50', 'p99', 'max']));
    }
    for (const lag of Object.values(report.replication.lagMs)) expect(Object.keys(lag)).toEqual(expect.arrayContaining(['mean', 'max']));
  });

  it('fills expectations from the scenario’s expect lines', async () => {
    const { report } = await runJson(SHORT);
    for (const result of report.expectations) expect(Object.keys(result).sort()).toEqual(['actual', 'expr', 'pass']);
  });

  it('prints byte-identical JSON for the same seed twice', async () => {
    const first = (await runJson([...SHORT, '--seed', '42'])).stdout;
    const second = (await runJson([...SHORT, '--seed', '42'])).stdout;
    expect(second).toBe(first);
  });

  it('uses --seed and --duration instead of the scenario’s own', async () => {
    const { report } = await runJson(['--seed', '1234', '--duration', '2.5s']);
    expect(report.seed).toBe(1234);
    expect(report.simulatedTimeMs).toBe(2500);
  });

  it('writes the trace as NDJSON with the meta record first', async () => {
    const tracePath = join(tempDir(), 'out.ndjson');
    const result = await repsim(['run', ...SHORT, '--seed', '9', '--trace', tracePath]);
    expect(result.status).toBe(0);
    const lines = readFileSync(tracePath, 'utf8').split('\n');
    expect(lines.pop()).toBe(''); // the file ends with a newline
    const meta = JSON.parse(lines[0]);
    expect(meta).toMatchObject({ type: 'meta', version: TRACE_SCHEMA_VERSION, seed: 9 });
    expect(lines.length).toBeGreaterThan(1);
    for (const line of [lines[1], lines[Math.floor(lines.length / 2)], lines[lines.length - 1]]) {
      expect(JSON.parse(line)).toEqual(expect.objectContaining({ t: expect.any(Number), type: expect.any(String) }));
    }
  });
});
