import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROCESS_TEST_TIMEOUT_MS, STACK_FRAME, repsim } from './repsim-process.ts';
import { cli, SMALL_SCENARIO, smallScenario } from './sweep-fixture.ts';

const VARY = ['--vary', 'network.links.0.latency=1ms..40ms:3', '--vary', 'replication.mode=async,semi-sync'];
const METRICS = ['--metrics', 'reads.staleFraction,writes.latencyMs.mean'];

/** Runs a sweep writing every output into `dir`; returns stdout and the three files. */
async function sweepInto(file: string, dir: string, extra: string[]) {
  const paths = { csv: join(dir, 'out.csv'), json: join(dir, 'out.json'), svg: join(dir, 'out.svg') };
  const result = await cli(['sweep', file, ...VARY, ...METRICS, '--seeds', '2', '--csv', paths.csv, '--json', paths.json, '--svg', paths.svg, ...extra]);
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  return { stdout: result.stdout, csv: readFileSync(paths.csv, 'utf8'), json: readFileSync(paths.json, 'utf8'), svg: readFileSync(paths.svg, 'utf8') };
}

describe.concurrent('repsim sweep', { timeout: PROCESS_TEST_TIMEOUT_MS }, () => {
  it('gives byte-identical outputs with one worker and with two', async () => {
    const { dir, file } = smallScenario();
    const one = await sweepInto(file, join(dir), ['--jobs', '1']);
    const { dir: dir2 } = smallScenario();
    const two = await sweepInto(file, dir2, ['--jobs', '2']);
    expect(two).toEqual(one);

    // And the outputs say what was run: 3 latencies × 2 modes, 2 seeds each.
    expect(one.stdout).toContain('6 points × seeds 11 … 12 (2 per point) = 12 runs');
    const rows = one.stdout.split('\n').filter((line) => /^\s+\d+(\.\d+)?ms\s/.test(line));
    expect(rows).toHaveLength(6);
    expect(one.csv.split('\n')[0]).toBe('point,network.links.0.latency,replication.mode,metric,n,mean,sd,ci_low,ci_high');
    expect(one.csv.trim().split('\n')).toHaveLength(1 + 6 * 2);
    const json = JSON.parse(one.json) as { points: { values: Record<string, unknown>; metrics: Record<string, { n: number; runs: number[] }> }[] };
    expect(json.points[1].values).toEqual({ 'network.links.0.latency': '1ms', 'replication.mode': 'semi-sync' });
    expect(json.points[1].metrics['writes.latencyMs.mean'].runs).toHaveLength(2);
    // One line per mode in each of the two panels, each with its confidence band.
    expect(one.svg.match(/<polyline /g)).toHaveLength(4);
    expect(one.svg.match(/<polygon /g)?.length).toBeGreaterThan(0);
  });

  it('writes each point’s values into the scenario: semi-sync write latency grows with the replica’s distance', async () => {
    const { file } = smallScenario();
    const result = await cli(['sweep', file, '--vary', 'network.links.0.latency=2ms,40ms', '--vary', 'replication.mode=semi-sync', '--metrics', 'writes.latencyMs.mean', '--json', join(smallScenario().dir, 'x.json')]);
    expect(result.status).toBe(0);
    const [near, far] = result.stdout.split('\n').filter((l) => /ms\s+semi-sync/.test(l)).map((l) => Number(/semi-sync\s+([\d.]+)/.exec(l)![1]));
    // Semi-sync waits for the replica's ack: a round trip over the link (2 × 2 ms vs 2 × 40 ms) plus local costs.
    expect(near).toBeGreaterThan(4);
    expect(near).toBeLessThan(20);
    expect(far).toBeGreaterThan(80);
  });

  it.each([
    [['--vary', 'network.links.0.latency=1ms..100ms'], 'network.links.0.latency=1ms..100ms', 'PATH=FROM..TO:N:log'],
    [['--vary', 'network.links.0.latency=1ms..1s:5'], 'same unit', 'PATH=V1,V2,...'],
    [['--vary', 'network.links.4.latency=1ms,2ms'], 'network.links.4.latency: unknown path', 'a list of 1 entry'],
    [['--vary', 'replication.mdoe=async,sync'], 'replication.mdoe=async', 'did you mean `mode`'],
    [['--vary', 'network.links.0.latency=1ms,fast'], 'network.links.0.latency=fast', 'expected a duration'],
    [['--vary', 'replication.mode=async', '--metrics', 'reads.stalefraction'], "unknown metric 'reads.stalefraction'", 'reads.staleFraction'],
    [['--vary', 'replication.mode=async', '--seeds', '-1'], '--seeds must be a whole number from 1', "Try 'repsim sweep --help'"],
    [['--vary', 'replication.mode=async', '--jobs', '0'], '--jobs must be a whole number from 1', "Try 'repsim sweep --help'"],
    [[], 'needs at least one --vary PATH=SPEC', "Try 'repsim sweep --help'"],
  ])('refuses %j with exit 2, naming what is wrong', async (flags, first, second) => {
    const { file } = smallScenario();
    const result = await cli(['sweep', file, ...flags]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(first);
    expect(result.stderr).toContain(second);
    expect(result.stdout).toBe('');
  });

  it('answers a bad spec from the real launcher with exit 2 and no stack trace', async () => {
    const { file } = smallScenario(SMALL_SCENARIO);
    const result = await repsim(['sweep', file, '--vary', 'network.links.0.latency=1ms..']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--vary network.links.0.latency=1ms..:');
    expect(result.stderr).toContain('Accepted forms of --vary PATH=SPEC');
    expect(result.stderr).not.toMatch(STACK_FRAME);
  });
});
