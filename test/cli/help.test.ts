import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROCESS_TEST_TIMEOUT_MS, REPO_ROOT, repsim } from './repsim-process.ts';

describe.concurrent('help and version', { timeout: PROCESS_TEST_TIMEOUT_MS }, () => {
  for (const args of [['--help'], ['-h'], ['run', '--help'], ['check', '-h'], ['validate', '--help'], ['compare', '--help'], ['sweep', '-h']]) {
    it(`repsim ${args.join(' ')} prints usage and exits 0`, async () => {
      const result = await repsim(args);
      expect(result.status).toBe(0);
      expect(result.stdout).toMatch(/^Usage: repsim/);
      expect(result.stderr).toBe('');
    });
  }

  it('repsim --version prints the package version', async () => {
    const { version } = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
    const result = await repsim(['--version']);
    expect(result.status).toBe(0);
    expect(result.stdout.trim()).toBe(version);
  });
});
