import { describe, expect, it } from 'vitest';
import { formatIssues, MAX_SCENARIO_BYTES, parseScenario, ScenarioError } from '../../src/scenario/index.ts';
import { issuesOf } from './helpers.ts';

describe('JSON input', () => {
  const json = `{
  "name": "json world",
  "nodes": [
    { "id": "a", "role": "primary" },
    { "id": "b", "role": "replica", "applyTime": { "dist": "exponential", "mean": "2ms" } }
  ],
  "duration": "2s"
}`;

  it('parses a .json file', () => {
    const s = parseScenario(json, 'w.json');
    expect(s.config.name).toBe('json world');
    expect(s.config.nodes[1].applyTime).toEqual({ dist: 'exponential', mean: 2000 });
  });

  it('reports line and column for problems in JSON', () => {
    const bad = json.replace('"mean": "2ms"', '"mean": "2 ms please"').replace('"duration"', '"duraton"');
    const issues = issuesOf(bad, 'w.json');
    expect(issues).toEqual([
      expect.objectContaining({ file: 'w.json', path: 'nodes[1].applyTime.mean', line: 5, column: bad.split('\n')[4].indexOf('"2 ms') + 1 }),
      expect.objectContaining({ path: 'duraton', line: 7, column: 3, message: expect.stringMatching(/did you mean `duration`/) }),
    ]);
  });

  it('refuses JSON syntax errors with a line', () => {
    const issues = issuesOf('{\n  "nodes": [\n    { "id": "a", "role": "primary" },,\n  ]\n}', 'w.json');
    expect(issues[0].line).toBeGreaterThanOrEqual(3);
  });

  it('refuses YAML-only syntax in a .json file', () => {
    const issues = issuesOf('{ "nodes": [ { "id": "a", "role": primary } ] }', 'w.json');
    expect(issues[0].message).toMatch(/invalid JSON/);
  });

  it('accepts JSON text in a .yaml file', () => {
    expect(parseScenario(json, 'w.yaml').config.durationUs).toBe(2_000_000);
  });
});

describe('bad text', () => {
  it('turns a YAML syntax error into an issue with its line', () => {
    const issues = issuesOf('nodes:\n  - { id: a, role: primary\nduration: 1s\n');
    expect(issues[0]).toMatchObject({ file: 'test.yaml', path: '' });
    expect(issues[0].line).toBeGreaterThanOrEqual(2);
  });

  it('refuses duplicate keys', () => {
    expect(issuesOf('nodes: []\nnodes: []\n')[0].line).toBe(2);
  });

  it('refuses an empty file and a file that is not a mapping', () => {
    expect(issuesOf('')[0].message).toMatch(/empty/);
    expect(issuesOf('- a\n- b\n')[0].message).toMatch(/mapping of fields/);
    expect(issuesOf('42\n')[0].message).toMatch(/mapping of fields/);
  });

  it('refuses text over 5 MB without parsing it', () => {
    const big = `nodes: [{ id: a, role: primary }]\n#${'x'.repeat(MAX_SCENARIO_BYTES)}\n`;
    const issues = issuesOf(big);
    expect(issues).toHaveLength(1);
    expect(issues[0].message).toMatch(/limit is 5242880 bytes/);
  });

  it('counts bytes, not characters, against the limit', () => {
    const multiByte = `nodes: [{ id: a, role: primary }]\n#${'é'.repeat(MAX_SCENARIO_BYTES / 2)}\n`;
    expect(issuesOf(multiByte)[0].message).toMatch(/limit/);
  });

  it('never lets an alias bomb or other surprise escape as a raw exception', () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 0; i < 8; i++) bomb.push(`${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}]`);
    expect(() => parseScenario(bomb.join('\n'), 'bomb.yaml')).toThrow(ScenarioError);
  });
});

describe('formatting', () => {
  it('formats issues one per line as file:line:column: path: message', () => {
    expect(
      formatIssues([
        { file: 'a.yaml', path: 'nodes[1].applyTime.mean', line: 3, column: 7, message: 'bad' },
        { file: 'a.yaml', path: '', message: 'empty' },
      ]),
    ).toBe('a.yaml:3:7: nodes[1].applyTime.mean: bad\na.yaml: empty');
  });

  it('uses the formatted issues as the error message', () => {
    try {
      parseScenario('nodes: [{ id: a, role: primary, aplyTime: 1 }]\n', 's.yaml');
      expect.unreachable();
    } catch (e) {
      expect((e as Error).message).toBe('s.yaml:1:33: nodes[0].aplyTime: unknown field `aplyTime` (did you mean `applyTime`?)');
    }
  });
});
