import type { LessonSpec, ResolvedLesson } from '../../metrics/lesson.ts';
import { courseLessons, validateCourse } from '../../scenario/course.ts';
import type { CourseView, LessonView } from '../state/lesson.ts';
import type { CourseReply } from './protocol.ts';

// The course file is the table of contents, loaded as its own chunk (builtins.ts leaves it out),
// read from YAML at build time like the scenarios.
const loadCourseDocument = () => import('/scenarios/course.yaml?doc').then((m: { default: unknown }) => m.default);

/** The built-in course, each lesson titled by the course or else by its scenario's `name`. */
export async function loadCourse(): Promise<CourseReply> {
  try {
    const course = validateCourse(await loadCourseDocument(), 'course.yaml');
    // Lessons without a title of their own got their scenario's name at build time (vite.config.ts).
    const lessons = courseLessons(course).map((l) => ({ index: l.index, section: l.section, file: l.file, summary: l.summary, title: l.title ?? l.file }));
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
