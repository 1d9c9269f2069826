import { spawn } from 'node:child_process';
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
 * Asynchronous, so the tests of a file can run their processes side by side.
 */
export function repsim(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: tmpdir(),
      env: { ...process.env, REPSIM_DEBUG: '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.on('error', reject);
    child.on('close', (status) =>
      resolve({ status, stdout: Buffer.concat(stdout).toString('utf8'), stderr: Buffer.concat(stderr).toString('utf8') }),
    );
  });
}

/** Each spawn starts Node and tsx (~0.5 s, more on a busy machine) and may run a scenario. */
export const PROCESS_TEST_TIMEOUT_MS = 60_000;

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
