#!/usr/bin/env node
// `npm test`: runs vitest (unit, plus browser e2e when Chromium is installed) and ends
// with exactly one summary line, `N passed, N failed[, N skipped]`, that CI can grep.
// Any reason for a non-zero exit is counted in "failed" and explained just above it,
// so the last line never says "0 failed" for a red run (except "no tests ran").
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CHROMIUM = '/usr/bin/chromium';
const VITEST = join(ROOT, 'node_modules', 'vitest', 'vitest.mjs');

const hasChromium = existsSync(CHROMIUM);
const projects = hasChromium ? ['unit', 'e2e'] : ['unit'];
const tempDir = mkdtempSync(join(tmpdir(), 'repsim-test-'));
const resultsPath = join(tempDir, 'results.json');

const vitestArgs = [
  VITEST,
  'run',
  ...projects.flatMap((project) => ['--project', project]),
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${resultsPath}`,
  // "No tests" is judged below from the results, with a clearer message.
  '--passWithNoTests',
  // Extra arguments pass through: `npm test -- test/cli` runs just those files.
  ...process.argv.slice(2),
];
const vitest = spawnSync(process.execPath, vitestArgs, { cwd: ROOT, stdio: 'inherit' });

const notes = [];
const counts = readCounts(resultsPath, notes);
rmSync(tempDir, { recursive: true, force: true });

if (!hasChromium) {
  if (process.env.CI) {
    notes.push(`browser tests required in CI, but ${CHROMIUM} was not found (apt-get install chromium)`);
    counts.failed += 1;
  } else {
    notes.push(`browser tests skipped: ${CHROMIUM} not found (apt-get install chromium)`);
  }
}
if (vitest.status !== 0 && counts.failed === 0) {
  notes.push(`vitest exited with ${vitest.status ?? vitest.signal} outside any test (see its output above)`);
  counts.failed += 1;
}
const noTests = counts.passed + counts.failed === 0;
if (noTests) notes.push('no tests ran');

for (const note of notes) console.log(note);
console.log(`${counts.passed} passed, ${counts.failed} failed${counts.skipped > 0 ? `, ${counts.skipped} skipped` : ''}`);
process.exitCode = counts.failed > 0 || noTests ? 1 : 0;

/** Counts from vitest's JSON results; a file that failed to load counts as one failure. */
function readCounts(path, notes) {
  if (!existsSync(path)) {
    notes.push('vitest wrote no results file');
    return { passed: 0, failed: 1, skipped: 0 };
  }
  const results = JSON.parse(readFileSync(path, 'utf8'));
  let failed = results.numFailedTests;
  for (const file of results.testResults ?? []) {
    const failedTests = (file.assertionResults ?? []).filter((a) => a.status === 'failed').length;
    if (file.status === 'failed' && failedTests === 0) {
      notes.push(`failed to run: ${file.name}`);
      failed += 1;
    }
  }
  return {
    passed: results.numPassedTests,
    failed,
    skipped: (results.numPendingTests ?? 0) + (results.numTodoTests ?? 0),
  };
}
