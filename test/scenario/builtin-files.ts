import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { looksLikeCourse } from '../../src/scenario/course.ts';

export const SCENARIO_DIR = fileURLToPath(new URL('../../scenarios/', import.meta.url));

/** The built-in scenario files (scenarios/*.yaml), without the course file that lists them. */
export function builtinScenarioFiles(): string[] {
  return readdirSync(SCENARIO_DIR)
    .filter((f) => f.endsWith('.yaml') && !looksLikeCourse(readFileSync(join(SCENARIO_DIR, f), 'utf8')))
    .sort();
}
