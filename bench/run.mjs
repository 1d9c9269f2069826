#!/usr/bin/env node
// `npm run bench`: bundles the benchmark into plain JavaScript and runs it in a fresh Node
// process. Bundling keeps the TypeScript loader (about 45 MB of its own) out of the memory
// figure. The V8 heap is capped (old space 48 MB, semi-spaces 2 MB): the engine's live data
// is a few MB and stays flat, and without a cap V8 lets garbage pile up to its defaults, so
// peak RSS would measure the garbage collector's patience rather than the simulator. The
// engine makes under 1 kB of garbage per write, so a small young generation costs few
// collections, and it keeps fresh allocations in the CPU's cache: measured against 8 MB
// semi-spaces, about 6 % less CPU time and 15 MB less peak memory.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'repsim-bench-'));
const out = join(dir, 'bench.cjs');
await build({
  entryPoints: [join(root, 'bench', 'replication.bench.ts')],
  bundle: true,
  platform: 'node',
  format: 'cjs',
  outfile: out,
  logLevel: 'warning',
});
const heapFlags = ['--max-old-space-size=48', '--max-semi-space-size=2'];
console.log(`node ${heapFlags.join(' ')} (see bench/run.mjs for why)`);
const run = spawnSync(process.execPath, [...heapFlags, out, ...process.argv.slice(2)], { stdio: 'inherit' });
rmSync(dir, { recursive: true, force: true });
// Then the browser figures (bench/browser.ts): loading a 5-minute, 10-replica run in the built
// site, and playback and seek times. Printed as figures with their targets, never a gate.
const browser = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'bench', 'browser.ts')], { stdio: 'inherit', cwd: root });
// Sweep throughput (figures only): through tsx, since its worker threads load the sources.
const sweep = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'bench', 'sweep.bench.ts')], { stdio: 'inherit', cwd: root });
process.exitCode = run.status || browser.status || sweep.status || 0;
