import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { courseLessons, looksLikeCourse, type Course } from '../scenario/course.ts';
import { parseCourse } from '../scenario/course-file.ts';
import { ScenarioError, type Scenario } from '../scenario/index.ts';
import { BadInputError } from './exit-codes.ts';
import { parseScenarioText, readScenarioText } from './read-scenario-file.ts';

export type ScenarioOrCourse = { kind: 'scenario'; scenario: Scenario } | { kind: 'course'; course: Course; lessons: number };

/**
 * Reads a scenario file, or a course file (a top-level `course:`), so that
 * `repsim validate scenarios/*.yaml` covers the course too. A course's lessons must exist
 * next to it and be lessons: valid scenarios with a description, playback and a question.
 */
export function readScenarioOrCourse(path: string): ScenarioOrCourse {
  const text = readScenarioText(path);
  if (!looksLikeCourse(text)) return { kind: 'scenario', scenario: parseScenarioText(text, path) };
  try {
    const course = parseCourse(text, path, (file) => lessonProblem(join(dirname(path), file)));
    return { kind: 'course', course, lessons: courseLessons(course).length };
  } catch (error) {
    if (error instanceof ScenarioError) throw new BadInputError(error.message);
    throw error;
  }
}

function lessonProblem(path: string): string | undefined {
  if (!existsSync(path)) return `no such file: ${path}`;
  let lesson: Scenario['lesson'];
  try {
    lesson = parseScenarioText(readScenarioText(path), path).lesson;
  } catch (error) {
    if (error instanceof BadInputError) return `${path} is not a valid scenario (run repsim validate on it)`;
    throw error;
  }
  const missing = [
    lesson.description === undefined ? 'a description' : '',
    lesson.playback === undefined ? 'playback' : '',
    lesson.quiz.length === 0 ? 'a quiz question' : '',
  ].filter((m) => m !== '');
  return missing.length > 0 ? `${path} is not a lesson yet: it needs ${missing.join(', ')}` : undefined;
}
