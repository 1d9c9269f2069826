import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, stringify } from 'yaml';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const BIN = join(REPO_ROOT, 'bin', 'repsim.mjs');
export const DEFAULT_SCENARIO = join(REPO_ROOT, 'scenarios', 'photo-upload.yaml');

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the real launcher in a child process, from a directory that is not the repository,
 * so the tests see exactly what a user sees (exit code, stdout, stderr) from any cwd.
 */
export function repsim(args: string[], env: Record<string, string> = {}): CliResult {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: tmpdir(),
    encoding: 'utf8',
    env: { ...process.env, REPSIM_DEBUG: '', ...env },
    maxBuffer: 256 * 1024 * 1024,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A stack frame line as Node prints it; bad input must never produce one. */
export const STACK_FRAME = /^\s+at /m;

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'repsim-cli-test-'));
}

/**
 * The bundled scenario with some top-level fields replaced (e.g. `expect`, `duration`),
 * written to a temporary file. Starting from the real file keeps these tests valid as the
 * scenario format grows.
 */
export function variantOfDefaultScenario(fields: Record<string, unknown>, fileName = 'variant.yaml'): string {
  const document = { ...(parse(readFileSync(DEFAULT_SCENARIO, 'utf8')) as Record<string, unknown>), ...fields };
  const path = join(tempDir(), fileName);
  writeFileSync(path, stringify(document));
  return path;
}
