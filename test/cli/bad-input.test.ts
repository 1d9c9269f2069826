import { mkdirSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SCENARIO, PROCESS_TEST_TIMEOUT_MS, STACK_FRAME, repsim, tempDir, variantOfDefaultScenario } from './repsim-process.ts';

/** Bad input: exit 2, a message naming the culprit on stderr, nothing on stdout, no stack. */
async function expectBadInput(args: string[], ...mentions: (string | RegExp)[]): Promise<void> {
  const result = await repsim(args);
  expect(result.status, result.stderr).toBe(2);
  expect(result.stdout).toBe('');
  expect(result.stderr).not.toMatch(STACK_FRAME);
  for (const mention of mentions) {
    if (typeof mention === 'string') expect(result.stderr).toContain(mention);
    else expect(result.stderr).toMatch(mention);
  }
}

function writeTemp(name: string, text: string): string {
  const path = join(tempDir(), name);
  writeFileSync(path, text);
  return path;
}

describe.concurrent('bad command lines exit 2 and name the problem', { timeout: PROCESS_TEST_TIMEOUT_MS }, () => {
  it('no command at all', () => expectBadInput([], 'Usage: repsim'));
  it('an unknown command', () => expectBadInput(['frobnicate'], "'frobnicate'"));
  it('an unknown top-level flag', () => expectBadInput(['--turbo'], "'--turbo'"));
  it('an unknown run flag', () => expectBadInput(['run', '--turbo'], "'--turbo'"));
  it('a seed that is not an integer', () => expectBadInput(['run', '--seed', 'abc'], '--seed', "'abc'"));
  it('a flag missing its value', () => expectBadInput(['run', '--seed'], '--seed'));
  it('an unknown format', () => expectBadInput(['run', '--format', 'xml'], '--format', "'xml'"));
  it('a duration with an unknown unit', () => expectBadInput(['run', '--duration', '5parsecs'], '--duration', "'5parsecs'"));
  it('a zero duration', () => expectBadInput(['run', '--duration', '0s'], '--duration'));
  it('two files given to run', () => expectBadInput(['run', DEFAULT_SCENARIO, DEFAULT_SCENARIO], 'at most one FILE'));
  it('check without files', () => expectBadInput(['check'], 'FILE'));
  it('validate without files', () => expectBadInput(['validate'], 'FILE'));
  it('an unknown check flag', () => expectBadInput(['check', '--seed', '1', DEFAULT_SCENARIO], "'--seed'"));
  it('a run far over the work budget is refused at once, with the estimate and the way out', () =>
    expectBadInput(['run', '--duration', '24000h'], 'billion events', '--allow-large'));
  it('a file whose rates put it over the budget is refused at the line of the field that drives it', async () => {
    // 2000 h of photo-upload: its 400 reads/s are the biggest share of the work.
    const path = variantOfDefaultScenario({ duration: '2000h' });
    await expectBadInput(['run', path], new RegExp(`${escape(path)}:\\d+:\\d+: workload\\[1\\]\\.reads\\.rate: this run would take`), '--allow-large');
  });
  it('a negative seed gets the flag\'s own message, not "ambiguous"', () => expectBadInput(['run', '--seed', '-1'], "--seed must be a non-negative integer, got '-1'"));
  it('a negative duration gets the flag\'s own message', () => expectBadInput(['run', '--duration', '-5s'], "--duration must be a positive duration", "'-5s'"));
});

describe.concurrent('bad files exit 2 and name the file', { timeout: PROCESS_TEST_TIMEOUT_MS }, () => {
  it('a file that does not exist', async () => {
    const missing = join(tempDir(), 'missing.yaml');
    for (const command of ['run', 'check', 'validate']) await expectBadInput([command, missing], missing, 'no such file');
  });

  it('a directory', async () => {
    const dir = tempDir();
    await expectBadInput(['validate', dir], dir, 'directory');
  });

  it('a file over 5 MB, refused from its size before it is read', async () => {
    // Sparse and 1 GiB: reading it into a string would fail inside V8, so a clean exit 2
    // proves the size was checked first.
    const huge = writeTemp('huge.yaml', '');
    truncateSync(huge, 1024 * 1024 * 1024);
    await expectBadInput(['run', huge], huge, '5 MB');
  });

  it('a file just over 5 MB', async () => {
    const big = writeTemp('big.yaml', `# ${'x'.repeat(5 * 1024 * 1024)}\n`);
    await expectBadInput(['validate', big], big, '5 MB');
  });

  it('an endless device is refused at the 5 MB cap, not read to the end', () => expectBadInput(['validate', '/dev/zero'], '/dev/zero', '5 MB'));

  it('a second YAML document gets a plain message with its line', async () => {
    const multi = writeTemp('multi.yaml', 'nodes: [{ id: primary, role: primary }]\n---\nname: again\n');
    await expectBadInput(['validate', multi], `${multi}:2:1:`, 'one YAML document');
  });

  it('absurdly deep nesting gets a plain message, not a stack overflow', async () => {
    const deep = writeTemp('deep.yaml', `nodes: ${'['.repeat(100_000)}\n`);
    await expectBadInput(['validate', deep], deep, 'nests too deeply');
  });

  it('a missing required choice says it is missing and lists the choices', async () => {
    const noRole = writeTemp('norole.yaml', 'nodes: [{ id: primary }]\n');
    await expectBadInput(['validate', noRole], `${noRole}:1:`, 'missing required field `role`; one of primary, replica');
  });

  it('YAML that does not parse', async () => {
    const broken = writeTemp('broken.yaml', 'name: [unclosed\nseed: 1\n');
    await expectBadInput(['validate', broken], broken);
  });

  it('a scenario with an invalid field: file:line:col: path: message', async () => {
    const invalid = writeTemp('invalid.yaml', 'name: Bad\nnodes:\n  - { id: primary, role: primary }\nreplication:\n  mode: turbo\n');
    for (const command of ['run', 'check', 'validate']) await expectBadInput([command, invalid], new RegExp(`${escape(invalid)}:5:\\d+: .*mode`));
  });

  it('check and validate still report the good files after a bad one', async () => {
    const missing = join(tempDir(), 'missing.yaml');
    const result = await repsim(['validate', missing, DEFAULT_SCENARIO]);
    expect(result.status).toBe(2);
    expect(result.stdout.trim()).toBe(`ok ${DEFAULT_SCENARIO}`);
    expect(result.stderr).toContain(missing);
  });

  it('a trace file that cannot be created', async () => {
    const dir = tempDir();
    const inMissingDir = join(dir, 'no', 'such', 'dir', 'out.ndjson');
    mkdirSync(join(dir, 'no'));
    const result = await repsim(['run', '--duration', '1s', '--trace', inMissingDir]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(inMissingDir);
    expect(result.stderr).not.toMatch(STACK_FRAME);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

describe('names are shown, never obeyed', { timeout: PROCESS_TEST_TIMEOUT_MS }, () => {
  it('escapes a terminal control sequence in the scenario name in the table', async () => {
    const path = variantOfDefaultScenario({ name: 'photos\u001b[31m red', duration: '1s' });
    const result = await repsim(['run', path]);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).not.toContain('\u001b');
    expect(result.stdout.split('\n')[0]).toBe('repsim report: photos\\u{1b}[31m red');
  });
});
