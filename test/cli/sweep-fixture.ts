import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from './repsim-process.ts';

/**
 * A small scenario with one replica behind a link of its own, so sweeps can vary the link's
 * latency and the replication mode. One second of simulated time keeps each run to a few ms.
 */
export const SMALL_SCENARIO = `name: Small replica latency
seed: 11
duration: 1s
nodes:
  - { id: primary, role: primary }
  - { id: replica-1, role: replica }
replication: { mode: async, applyTime: 0.3ms, timeout: 1s }
network:
  latency: 0.5ms
  clientLatency: 0.5ms
  links:
    - { between: [primary, replica-1], latency: { dist: exponential, mean: 10ms } }
workload:
  - { name: app, sessions: 20, writes: { rate: 100/s, keys: 50 } }
  - { name: readers, sessions: 50, reads: { rate: 300/s, keys: 50 } }
routing: { reads: round-robin }
`;

/** Writes the small scenario (or a variant of its text) into a new temp dir; returns the dir and file. */
export function smallScenario(text = SMALL_SCENARIO, name = 'small.yaml'): { dir: string; file: string } {
  const dir = tempDir();
  const file = join(dir, name);
  writeFileSync(file, text);
  return { dir, file };
}

/**
 * Runs the CLI in this process (no Node and tsx start-up per call, which would make these
 * tests slow on a small machine); the process tests cover the launcher itself.
 */
export async function cli(argv: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  const { main } = await import('../../src/cli/main.ts');
  let stdout = '';
  let stderr = '';
  const status = await main(argv, {
    out: (text) => (stdout += text.endsWith('\n') ? text : `${text}\n`),
    err: (text) => (stderr += text.endsWith('\n') ? text : `${text}\n`),
  });
  return { status, stdout, stderr };
}
