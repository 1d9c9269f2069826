import { z } from 'zod/mini';
import { scenarioSchema } from './schema/scenario.ts';

/**
 * The JSON Schema editors use to complete and check scenario files, generated from the zod
 * schema. It describes the accepted input forms (duration and rate strings by pattern);
 * checks that need code (p99 > median, node ids that exist, …) are only in the validator.
 */
export function scenarioJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(scenarioSchema, { io: 'input', target: 'draft-2020-12', unrepresentable: 'any' }) as Record<string, unknown>;
  return { ...schema, $id: 'https://repsim.dev/schema/repsim-scenario.schema.json' };
}

/** The committed file's exact text: two-space JSON with a trailing newline. */
export function scenarioJsonSchemaText(): string {
  return `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`;
}
