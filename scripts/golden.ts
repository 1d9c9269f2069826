// `npm run golden`: reruns every scenario in scenarios/ and rewrites its golden file under
// test/golden/ (see golden-run.ts), printing what changed so the commit can be reviewed:
// a diff of each changed report and "trace digest changed" for each changed trace.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeChange, goldenRun, scenarioFiles } from './golden-run.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const goldenDir = join(root, 'test', 'golden');
mkdirSync(goldenDir, { recursive: true });

const wanted = new Set<string>();
let changed = 0;
for (const scenario of scenarioFiles(root)) {
  const run = goldenRun(root, scenario);
  wanted.add(run.goldenPath);
  const path = join(root, run.goldenPath);
  const old = existsSync(path) ? readFileSync(path, 'utf8') : null;
  for (const e of run.failedExpectations) console.log(`${scenario}: expectation fails: ${e.expr} (actual ${String(e.actual)})`);
  if (old === run.text) {
    console.log(`${scenario}: unchanged`);
    continue;
  }
  changed++;
  for (const line of describeChange(old, run)) console.log(line);
  writeFileSync(path, run.text);
}
// A golden file whose scenario is gone would otherwise linger unchecked.
for (const f of readdirSync(goldenDir)) {
  const rel = `test/golden/${f}`;
  if (f.endsWith('.json') && !wanted.has(rel)) {
    rmSync(join(goldenDir, f));
    changed++;
    console.log(`${rel}: removed (no scenario)`);
  }
}
console.log(changed === 0 ? `golden: all ${wanted.size} unchanged` : `golden: ${changed} file(s) rewritten in test/golden/; review the changes above before committing`);
