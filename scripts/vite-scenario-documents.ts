import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Plugin } from 'vite';
import { parse } from 'yaml';

/**
 * `scenarios/x.yaml?doc` imports the file as the plain document the YAML parser gives, read
 * at build time. The built-in scenarios are valid (npm test checks them), so the page needs
 * neither their line numbers nor a YAML parser to show them: the parser (about 28 kB gzip)
 * loads only when a learner opens a file of their own, types YAML into a what-if, or exports.
 * test/scenario/builtin-documents.test.ts checks that a document validates to exactly the
 * configuration its text gives.
 */
export function scenarioDocuments(): Plugin {
  return {
    name: 'repsim-scenario-documents',
    load(id) {
      const [file, query] = id.split('?');
      if (query !== 'doc' || !/\.ya?ml$/.test(file)) return null;
      return `export default ${JSON.stringify(scenarioDocument(file))}`;
    },
  };
}

interface CourseDoc {
  course: string;
  sections?: { lessons?: { file?: string; title?: string }[] }[];
}

function isCourse(doc: unknown): doc is CourseDoc {
  return typeof doc === 'object' && doc !== null && 'course' in doc;
}

/** A lesson without a title is titled by its scenario's `name`, so the course page needs no scenario file. */
function titleLessons(course: CourseDoc, dir: string): void {
  for (const lesson of (course.sections ?? []).flatMap((s) => s.lessons ?? [])) {
    if (lesson.title || !lesson.file) continue;
    try {
      const name = (parse(readFileSync(join(dir, lesson.file), 'utf8')) as { name?: unknown } | null)?.name;
      if (typeof name === 'string') lesson.title = name;
    } catch {
      // A missing or broken lesson file is reported by `repsim validate`; the page shows the file name.
    }
  }
}

/** The plain document a built-in YAML file holds; a course's lessons get their scenario's name as title. */
export function scenarioDocument(file: string): unknown {
  const doc = parse(readFileSync(file, 'utf8')) as unknown;
  if (isCourse(doc)) titleLessons(doc, dirname(file));
  return JSON.parse(JSON.stringify(doc));
}
