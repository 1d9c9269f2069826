import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, PROCESS_TEST_TIMEOUT_MS } from './repsim-process.ts';
import { cli, smallScenario } from './sweep-fixture.ts';

const SWEEP = ['--vary', 'network.links.0.latency=1ms..30ms:3', '--vary', 'replication.mode=async,semi-sync', '--seeds', '2', '--metrics', 'reads.staleFraction,writes.latencyMs.p99'];

const hasParallel = spawnSync('parallel', ['--version'], { stdio: 'ignore' }).status === 0;
// In CI the job runner is installed by .ci/run, so its absence is a failure, not a skip.
if (!hasParallel && !process.env.CI) console.log('sweep shard test skipped: GNU parallel not found (apt-get install parallel)');

async function outputs(dir: string, args: string[]) {
  const paths = ['csv', 'json', 'svg'].map((ext) => join(dir, `out.${ext}`));
  const result = await cli([...args, '--csv', paths[0], '--json', paths[1], '--svg', paths[2]]);
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  return { stdout: result.stdout, files: paths.map((p) => readFileSync(p, 'utf8')) };
}

describe('repsim sweep across machines', { timeout: PROCESS_TEST_TIMEOUT_MS }, () => {
  it.skipIf(!hasParallel && !process.env.CI)('runs 3 shards of a plan through GNU parallel and merges them into byte-identical outputs', async () => {
    expect(hasParallel, 'GNU parallel is required in CI (.ci/run installs it)').toBe(true);
    const { dir, file } = smallScenario();
    const planned = await cli(['sweep', file, ...SWEEP, '--plan', join(dir, 'jobs.ndjson')]);
    expect(planned.status).toBe(0);
    expect(planned.stdout).toContain('wrote 12 jobs (6 points × 2 seeds)');

    // Each shard is a separate repsim process, started by a real job runner, as on a cluster.
    const run = spawnSync(
      'parallel',
      ['--will-cite', '--halt', 'now,fail=1', process.execPath, BIN, 'sweep', '--run', 'jobs.ndjson', '--shard', '{}/3', '--out', 'results-{}.ndjson', '--jobs', '1', ':::', '1', '2', '3'],
      { cwd: dir, encoding: 'utf8' },
    );
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const shards = readdirSync(dir).filter((name) => name.startsWith('results-')).sort();
    expect(shards).toEqual(['results-1.ndjson', 'results-2.ndjson', 'results-3.ndjson']);
    // 12 jobs round-robin over 3 shards: 4 each, after the header line.
    for (const shard of shards) expect(readFileSync(join(dir, shard), 'utf8').trim().split('\n')).toHaveLength(5);

    // Merged in a different order than written, to show order does not matter.
    const merged = await outputs(smallScenario().dir, ['sweep', '--merge', ...shards.reverse().map((s) => join(dir, s))]);
    const local = await outputs(smallScenario().dir, ['sweep', file, ...SWEEP, '--jobs', '1']);
    expect(merged.stdout).toBe(local.stdout);
    expect(merged.files).toEqual(local.files);
  });

  it('refuses to merge when a shard is missing, or shards of different plans', async () => {
    const { dir, file } = smallScenario();
    await cli(['sweep', file, ...SWEEP, '--plan', join(dir, 'jobs.ndjson')]);
    const shard = await cli(['sweep', '--run', join(dir, 'jobs.ndjson'), '--shard', '2/3', '--out', join(dir, 'r2.ndjson')]);
    expect(shard.stderr).toBe('');
    expect(shard.status).toBe(0);
    const missing = await cli(['sweep', '--merge', join(dir, 'r2.ndjson')]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('8 of 12 jobs have no result (jobs 0, 2, 3, 5, 6, 8, 9, 11); is a shard missing?');

    await cli(['sweep', file, ...SWEEP, '--seeds', '3', '--plan', join(dir, 'other.ndjson')]);
    await cli(['sweep', '--run', join(dir, 'other.ndjson'), '--shard', '1/3', '--out', join(dir, 'o1.ndjson')]);
    const mixed = await cli(['sweep', '--merge', join(dir, 'r2.ndjson'), join(dir, 'o1.ndjson')]);
    expect(mixed.status).toBe(2);
    expect(mixed.stderr).toContain('comes from another plan');
  });
});
