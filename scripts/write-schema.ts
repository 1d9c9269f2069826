// Writes schema/repsim-scenario.schema.json from the scenario validator, and the field
// reference table in README.md from that schema (`npm run schema`).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { scenarioJsonSchemaText } from '../src/scenario/json-schema.ts';
import { withScenarioReference } from '../src/scenario/reference.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const out = resolve(root, 'schema', 'repsim-scenario.schema.json');
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, scenarioJsonSchemaText());
console.log(`wrote ${out}`);

const readme = resolve(root, 'README.md');
writeFileSync(readme, withScenarioReference(readFileSync(readme, 'utf8')));
console.log(`updated the scenario reference in ${readme}`);
