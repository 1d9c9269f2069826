import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/scenario/parse.ts';
import { scenarioFromObject } from '../../src/scenario/validate.ts';
import { courseLessons, validateCourse } from '../../src/scenario/course.ts';
import { parseCourse } from '../../src/scenario/course-file.ts';
import { scenarioDocument } from '../../scripts/vite-scenario-documents.ts';
import { builtinScenarioFiles, SCENARIO_DIR } from './builtin-files.ts';

// The page gets built-in scenarios as documents read at build time, not as YAML text: each
// must give exactly what the CLI gets from the file.
describe('built-in scenarios as build-time documents', () => {
  for (const file of builtinScenarioFiles()) {
    it(`${file} validates to the same scenario as its text`, () => {
      const path = join(SCENARIO_DIR, file);
      const fromText = parseScenario(readFileSync(path, 'utf8'), file);
      const fromDoc = scenarioFromObject(scenarioDocument(path), file);
      expect(fromDoc.config).toEqual(fromText.config);
      expect(fromDoc.lesson).toEqual(fromText.lesson);
      expect(fromDoc.narration).toEqual(fromText.narration);
      expect(fromDoc.expect).toEqual(fromText.expect);
    });
  }

  it('the course document lists the same lessons, each titled by its scenario name unless the course titles it', () => {
    const path = join(SCENARIO_DIR, 'course.yaml');
    const fromText = courseLessons(parseCourse(readFileSync(path, 'utf8'), 'course.yaml'));
    const fromDoc = courseLessons(validateCourse(scenarioDocument(path), 'course.yaml'));
    expect(fromDoc.map((l) => l.file)).toEqual(fromText.map((l) => l.file));
    fromDoc.forEach((l, i) => {
      const name = (parseScenario(readFileSync(join(SCENARIO_DIR, l.file), 'utf8'), l.file).document as { name?: string }).name;
      expect(l.title).toBe(fromText[i].title ?? name);
    });
  });
});
