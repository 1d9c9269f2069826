import { LineCounter, parseDocument } from 'yaml';
import { ScenarioError } from './issues.ts';
import { locator } from './locate.ts';
import { validateCourse, type Course } from './course.ts';

/**
 * Reads a course file's YAML text and validates it (file:line:col: path: message).
 * `checkLesson` (optional) says what is wrong with a lesson's file, e.g. that it is missing.
 */
export function parseCourse(text: string, fileName: string, checkLesson?: (file: string) => string | undefined): Course {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    const { line, col } = lineCounter.linePos(e.pos[0]);
    throw new ScenarioError([{ file: fileName, path: '', line, column: col, message: e.message.split('\n')[0] }]);
  }
  return validateCourse(doc.toJS(), fileName, locator(doc, lineCounter), checkLesson);
}
