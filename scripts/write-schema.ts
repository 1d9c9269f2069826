// Writes schema/repsim-scenario.schema.json from the scenario validator (`npm run schema`).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { scenarioJsonSchemaText } from '../src/scenario/json-schema.ts';

const out = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'schema', 'repsim-scenario.schema.json');
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, scenarioJsonSchemaText());
console.log(`wrote ${out}`);
