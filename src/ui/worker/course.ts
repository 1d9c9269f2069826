import { parse as parseYaml } from 'yaml';
import type { LessonSpec, ResolvedLesson } from '../../metrics/lesson.ts';
import { courseLessons, parseCourse } from '../../scenario/course.ts';
import type { CourseView, LessonView } from '../state/lesson.ts';
import { loadBuiltin } from '../scenarios/builtins.ts';
import type { CourseReply } from './protocol.ts';

// The course file is the table of contents, loaded as its own chunk (builtins.ts leaves it out).
const loadCourseText = () => import('/scenarios/course.yaml?raw').then((m: { default: string }) => m.default);

/** The built-in course, each lesson titled by the course or else by its scenario's `name`. */
export async function loadCourse(): Promise<CourseReply> {
  try {
    const course = parseCourse(await loadCourseText(), 'course.yaml');
    const lessons = await Promise.all(courseLessons(course).map(async (l) => {
      const text = await loadBuiltin(l.file);
      const name = text === undefined ? undefined : (parseYaml(text) as { name?: unknown } | null)?.name;
      return { index: l.index, section: l.section, file: l.file, summary: l.summary, title: l.title ?? (typeof name === 'string' ? name : l.file) };
    }));
    const view: CourseView = { title: course.course, lessons, ...(course.description ? { description: course.description } : {}) };
    return { type: 'course', course: view };
  } catch (err) {
    return { type: 'course', course: null, error: err instanceof Error ? err.message : String(err) };
  }
}

/** What the page needs of a lesson: null for a scenario with no lesson fields at all. */
export function lessonView(spec: LessonSpec, resolved: ResolvedLesson): LessonView | null {
  const empty = !spec.description && !spec.playback && resolved.captions.length === 0 && resolved.quiz.length === 0 && resolved.markers.length === 0;
  if (empty) return null;
  return { ...resolved, ...(spec.description !== undefined ? { description: spec.description } : {}), ...(spec.playback ? { playback: { ...spec.playback } } : {}) };
}
