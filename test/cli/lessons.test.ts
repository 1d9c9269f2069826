import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { PROCESS_TEST_TIMEOUT_MS, REPO_ROOT, STACK_FRAME, repsim, tempDir } from './repsim-process.ts';

const LESSON = join(REPO_ROOT, 'scenarios', 'first-write.yaml');

/** The first lesson with some top-level fields replaced, in a temporary directory. */
function variant(fields: Record<string, unknown>, fileName = 'lesson.yaml'): string {
  const document = { ...(parse(readFileSync(LESSON, 'utf8')) as Record<string, unknown>), ...fields };
  const path = join(tempDir(), fileName);
  writeFileSync(path, stringify(document));
  return path;
}

const question = (over: Record<string, unknown>) => ({ at: '1s', ask: 'Which node commits writes?', choices: ['db-1', 'db-2'], explain: 'Only the primary takes writes.', ...over });

describe.concurrent('repsim check on lessons', { timeout: PROCESS_TEST_TIMEOUT_MS }, () => {
  it('passes a lesson whose events happen and whose answers agree with the run, listing the answers', async () => {
    const result = await repsim(['check', LESSON]);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/Lesson \(4 captions, 3 questions, 3 markers\): every event happens and every answer agrees with the run/);
    expect(result.stdout).toMatch(/✓ quiz\[0\] at 0s: answer “db-1”/);
  });

  it('fails (exit 1) on a planted wrong literal answer, naming the question', async () => {
    const file = variant({ quiz: [question({ answer: 'db-2', check: { trace: 'first(write.commit.node) == db-2' } })] });
    const result = await repsim(['check', file]);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('✗ quiz[0]: the answer `db-2` contradicts the run: trace: first(write.commit.node) == db-2 is false (actual `db-1`) (question: “Which node commits writes?”)');
    expect(result.stderr).not.toMatch(STACK_FRAME);
  });

  it('fails (exit 1) when a number answer the run contradicts is planted', async () => {
    const file = variant({ quiz: [{ at: '1s', ask: 'Lost writes?', number: true, answer: 3, check: { report: 'writes.lostAcknowledged' }, explain: 'None are lost.' }] });
    const result = await repsim(['check', file]);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('✗ quiz[0]: the answer `3` contradicts the run: report: writes.lostAcknowledged is 0');
  });

  it('fails (exit 1) when a marker, caption or question waits for an event that never happens', async () => {
    const file = variant({ markers: ['first-write-lost'], narration: [{ on: 'failover.completed', text: 'never' }] });
    const result = await repsim(['check', file]);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('✗ narration[0]: `failover.completed` never happens in this run');
    expect(result.stdout).toContain('✗ markers[0]: `first-write-lost` never happens in this run');
  });

  it('refuses (exit 2) a bad lesson field with file:line:col and path', async () => {
    const file = variant({ markers: ['lag-peak:replica-9'] });
    const result = await repsim(['validate', file]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/lesson\.yaml:\d+:\d+: markers\[0\]: unknown node `replica-9`/);
    expect(result.stderr).not.toMatch(STACK_FRAME);
  });
});

describe.concurrent('course files on the command line', { timeout: PROCESS_TEST_TIMEOUT_MS }, () => {
  it('validate and check accept the built-in course; run refuses it plainly', async () => {
    const course = join(REPO_ROOT, 'scenarios', 'course.yaml');
    const validated = await repsim(['validate', course]);
    expect(validated.status).toBe(0);
    expect(validated.stdout).toMatch(/^ok .*course\.yaml \(course: \d+ lessons\)$/m);
    expect((await repsim(['check', course])).status).toBe(0);
    const run = await repsim(['run', course]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/this is a course \(a list of lessons\), not a scenario/);
  });

  it('a course naming a missing file, or a scenario that is not yet a lesson, is bad input (exit 2) with its line', async () => {
    const dir = tempDir();
    copyFileSync(LESSON, join(dir, 'good.yaml'));
    writeFileSync(join(dir, 'plain.yaml'), 'nodes:\n  - { id: p, role: primary }\n');
    const lesson = (file: string) => `      - { file: ${file}, summary: s }\n`;
    writeFileSync(join(dir, 'course.yaml'), `course: C\nsections:\n  - title: A\n    lessons:\n${lesson('good.yaml')}${lesson('gone.yaml')}${lesson('plain.yaml')}`);
    const result = await repsim(['validate', join(dir, 'course.yaml')]);
    expect(result.status).toBe(2);
    const lines = result.stderr.trim().split('\n');
    expect(lines[0]).toMatch(/course\.yaml:6:17: sections\[0\]\.lessons\[1\]\.file: no such file: .*gone\.yaml$/);
    expect(lines[1]).toMatch(/course\.yaml:7:17: sections\[0\]\.lessons\[2\]\.file: .*plain\.yaml is not a lesson yet: it needs a description, playback, a quiz question$/);
    expect(lines).toHaveLength(2);
  });
});
