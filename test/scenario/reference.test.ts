import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { scenarioReferenceMarkdown, withScenarioReference } from '../../src/scenario/reference.ts';

describe('the scenario reference in README.md', () => {
  it('is the one generated from the validator (run `npm run schema` after changing the schema)', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    expect(readme).toBe(withScenarioReference(readme));
  });

  it('lists every field with its default, e.g. replication.mode defaults to async', () => {
    const table = scenarioReferenceMarkdown();
    expect(table).toMatch(/\| `replication\.mode` \| `async` \\\| `semi-sync` \\\| `sync` \| `async` \|/);
    expect(table).toContain('| `nodes[].applyWorkers` |');
  });

  it('refuses a README without the markers instead of silently dropping the table', () => {
    expect(() => withScenarioReference('# no markers')).toThrow(/markers/);
  });
});
