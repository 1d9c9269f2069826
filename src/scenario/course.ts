import { z } from 'zod/mini';
import { formatPath, ScenarioError, type RawIssue, type ScenarioIssue } from './issues.ts';
import type { Locator } from './locate.ts';
import { strict } from './schema/primitives.ts';
import { fromZodIssues } from './zod-issues.ts';

/*
 * The course: lessons in teaching order, in sections, each naming a scenario file next to
 * the course file. `scenarios/course.yaml` is the built-in one. Whether the named files
 * exist and are lessons (description, playback, a question) needs file access: the CLI
 * checks that (`repsim validate`), the browser knows its built-in files.
 */

const LESSON_FILE = /^[A-Za-z0-9_.-]+\.(ya?ml|json)$/;

const nonEmpty = () => z.string().check(z.minLength(1));

const lessonSchema = strict({
  file: z.string().check(z.regex(LESSON_FILE, { error: 'a lesson names a scenario file in the same directory, e.g. photo-upload.yaml' })),
  title: z.optional(nonEmpty()),
  summary: nonEmpty(),
});

export const courseSchema = strict({
  course: nonEmpty(),
  description: z.optional(z.string()),
  sections: z.array(strict({ title: nonEmpty(), lessons: z.array(lessonSchema).check(z.minLength(1)) })).check(z.minLength(1)),
});

export type Course = z.output<typeof courseSchema>;

export interface CourseLesson {
  /** 0-based position in the whole course. */
  index: number;
  section: string;
  file: string;
  title?: string;
  summary: string;
}

/** A YAML mapping with a top-level `course` key is a course, not a scenario. */
export function looksLikeCourse(text: string): boolean {
  return /^course\s*:/m.test(text) && !/^nodes\s*:/m.test(text);
}

/**
 * Validates a course document (already read from YAML); throws ScenarioError. `locate`
 * gives line numbers when the document came from text (course-file.ts); `checkLesson`
 * (optional) says what is wrong with a lesson's file, e.g. that it is missing.
 */
export function validateCourse(raw: unknown, fileName: string, locate?: Locator, checkLesson?: (file: string) => string | undefined): Course {
  const fail = (issues: RawIssue[]): never => {
    throw new ScenarioError(issues.map((i): ScenarioIssue => ({ file: fileName, path: formatPath(i.path), ...locate?.(i.path, i.atKey), message: i.message })));
  };
  const parsed = courseSchema.safeParse(raw, { reportInput: true });
  if (!parsed.success) fail(fromZodIssues(parsed.error.issues));
  const course = parsed.data!;
  const seen = new Map<string, string>();
  const issues: RawIssue[] = [];
  course.sections.forEach((s, i) =>
    s.lessons.forEach((l, j) => {
      const where = `sections[${i}].lessons[${j}]`;
      const prev = seen.get(l.file);
      if (prev) issues.push({ path: ['sections', i, 'lessons', j, 'file'], message: `\`${l.file}\` is already a lesson (${prev})` });
      else seen.set(l.file, where);
      const problem = checkLesson?.(l.file);
      if (problem) issues.push({ path: ['sections', i, 'lessons', j, 'file'], message: problem });
    }),
  );
  if (issues.length > 0) fail(issues);
  return course;
}

/** The lessons in teaching order, with previous/next given by position. */
export function courseLessons(course: Course): CourseLesson[] {
  return course.sections.flatMap((s) => s.lessons.map((l) => ({ section: s.title, file: l.file, summary: l.summary, ...(l.title ? { title: l.title } : {}) }))).map((l, index) => ({ index, ...l }));
}
