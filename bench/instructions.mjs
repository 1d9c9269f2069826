#!/usr/bin/env node
// `npm run bench:instructions [-- --rev REV] [--writes N]`: what the engine spends per
// acknowledged write on the benchmark's workload (bench/scenario.ts), counted rather than
// timed: CPU instructions and level-1 / last-level data-cache misses, under valgrind's
// cachegrind with V8 in --predictable mode (one thread: the garbage collector and the
// compiler count too, and the counts repeat within about 1 % from run to run).
//
// Why: on a shared 2-core machine the wall-clock benchmark drifts by a fifth between
// invocations, so a change that costs 5 % cannot be seen in it. Counting instructions can.
// Each target runs at two lengths and the figures are the difference divided by the
// difference in writes, so Node's start-up and the compiler's warm-up cancel out.
//
// --rev REV also measures that git revision (its engine, this tree's workload) for comparison.
// Needs valgrind (Debian: apt-get install valgrind). Slow: a few minutes per target.
import { spawnSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const HEAP_FLAGS = ['--max-old-space-size=48', '--max-semi-space-size=2']; // as bench/run.mjs

function fail(message) {
  console.error(`bench:instructions: ${message}`);
  process.exit(2);
}

let values;
try {
  ({ values } = parseArgs({ options: { rev: { type: 'string' }, writes: { type: 'string', default: '480000' } } }));
} catch (e) {
  fail(e.message);
}
const largeWrites = Number(values.writes);
if (!Number.isSafeInteger(largeWrites) || largeWrites < 8000) fail(`--writes must be an integer ≥ 8000, got '${values.writes}'`);
const smallWrites = Math.round(largeWrites / 4);
if (spawnSync('valgrind', ['--version']).status !== 0) fail('needs valgrind on the PATH (Debian: apt-get install valgrind)');

const dir = mkdtempSync(join(tmpdir(), 'repsim-instructions-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));

/** A bundled program that runs `engineRoot`'s simulator on this tree's benchmark workload. */
async function bundle(label, engineRoot) {
  const entry = join(dir, `${label}.ts`);
  writeFileSync(
    entry,
    [
      `import { simulate } from ${JSON.stringify(join(engineRoot, 'src/metrics/simulate.ts'))};`,
      `import { scenarioFromObject } from ${JSON.stringify(join(engineRoot, 'src/scenario/index.ts'))};`,
      `import { benchScenario } from ${JSON.stringify(join(root, 'bench/scenario.ts'))};`,
      `const scenario: any = scenarioFromObject(benchScenario(Number(process.argv[2])), 'bench.yaml');`,
      `const report = simulate(scenario.config ?? scenario);`,
      `console.log(JSON.stringify({ acked: report.writes.acknowledged, events: report.events }));`,
    ].join('\n'),
  );
  const out = join(dir, `${label}.cjs`);
  await build({ entryPoints: [entry], bundle: true, platform: 'node', format: 'cjs', outfile: out, logLevel: 'warning', nodePaths: [join(root, 'node_modules')] });
  return out;
}

/** Counts of one run under cachegrind. */
function count(program, writes) {
  return new Promise((resolve, reject) => {
    const args = ['--tool=cachegrind', '--cache-sim=yes', '--cachegrind-out-file=/dev/null', process.execPath, '--predictable', ...HEAP_FLAGS, program, String(writes)];
    const child = spawn('valgrind', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => {
      const figure = (name) => {
        const m = stderr.match(new RegExp(`${name}:\\s+([\\d,]+)`));
        return m ? Number(m[1].replaceAll(',', '')) : NaN;
      };
      if (code !== 0) return reject(new Error(`valgrind exited ${code}:\n${stderr.slice(-2000)}`));
      resolve({ ...JSON.parse(stdout.trim().split('\n').pop()), instructions: figure('I\\s+refs'), l1Misses: figure('D1\\s+misses'), llMisses: figure('LLd\\s+misses') });
    });
  });
}

/** Per acknowledged write, from the difference between a long and a short run. */
async function measure(label, engineRoot) {
  const program = await bundle(label, engineRoot);
  const [small, large] = await Promise.all([count(program, smallWrites), count(program, largeWrites)]);
  const writes = large.acked - small.acked;
  return {
    label,
    instructions: (large.instructions - small.instructions) / writes,
    l1Misses: (large.l1Misses - small.l1Misses) / writes,
    llMisses: (large.llMisses - small.llMisses) / writes,
    events: (large.events - small.events) / writes,
  };
}

const targets = [measure('this tree', root)];
if (values.rev) {
  const tree = join(dir, 'rev');
  const add = spawnSync('git', ['-C', root, 'worktree', 'add', '--detach', tree, values.rev], { encoding: 'utf8' });
  if (add.status !== 0) fail(`cannot check out --rev ${values.rev}: ${add.stderr.trim()}`);
  process.on('exit', () => spawnSync('git', ['-C', root, 'worktree', 'remove', '--force', tree]));
  symlinkSync(join(root, 'node_modules'), join(tree, 'node_modules'));
  targets.push(measure(values.rev, tree));
}
console.log(`repsim instruction counts: bench workload, ${smallWrites.toLocaleString('en-US')} and ${largeWrites.toLocaleString('en-US')} writes, per acknowledged write`);
const rows = await Promise.all(targets);
const fmt = (n) => Math.round(n).toLocaleString('en-US');
const header = ['engine', 'instructions', 'L1d misses', 'LLd misses', 'events'];
const lines = [header, ...rows.map((r) => [r.label, fmt(r.instructions), fmt(r.l1Misses), r.llMisses.toFixed(1), r.events.toFixed(2)])];
if (rows.length === 2) {
  const pct = (a, b) => `${a >= b ? '+' : ''}${((a / b - 1) * 100).toFixed(1)} %`;
  lines.push(['this tree vs rev', pct(rows[0].instructions, rows[1].instructions), pct(rows[0].l1Misses, rows[1].l1Misses), pct(rows[0].llMisses, rows[1].llMisses), '']);
}
const widths = header.map((_, i) => Math.max(...lines.map((l) => String(l[i]).length)));
for (const l of lines) console.log(l.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  '));
