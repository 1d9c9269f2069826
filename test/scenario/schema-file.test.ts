import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { scenarioJsonSchema, scenarioJsonSchemaText } from '../../src/scenario/json-schema.ts';

describe('the committed JSON Schema', () => {
  it('matches the validator (run `npm run schema` after changing src/scenario/schema)', () => {
    const committed = readFileSync(new URL('../../schema/repsim-scenario.schema.json', import.meta.url), 'utf8');
    expect(committed).toBe(scenarioJsonSchemaText());
  });

  it('describes durations by pattern and documents defaults and help texts for editors', () => {
    const s = scenarioJsonSchema() as {
      title: string;
      properties: Record<string, { default?: unknown; description?: string }>;
      $defs: Record<string, { anyOf?: { pattern?: string }[] }>;
    };
    expect(s.title).toBe('repsim scenario');
    expect(s.properties.duration.default).toBe('60s');
    expect(s.properties.nodes.description).toBeTruthy();
    const pattern = s.$defs.duration.anyOf!.find((b) => b.pattern)!.pattern!;
    expect(new RegExp(pattern).test('1.5s')).toBe(true);
    expect(new RegExp(pattern).test('5 parsecs')).toBe(false);
  });
});
