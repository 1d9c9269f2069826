import type { ResolvedLesson, ResolvedQuiz } from '../../metrics/lesson.ts';

/*
 * Lesson mode's pure state: where playback stops (captions and questions, as the worker's
 * LessonResolver resolved them), caption jumps, the course's order and the learner's progress
 * as kept in localStorage. Nothing here decides what happened in the run.
 */

/** A resolved lesson plus the scenario's description and pacing, as the worker posts it. */
export interface LessonView extends ResolvedLesson {
  description?: string;
  playback?: { speed: number; autoplay: boolean };
}

export interface CourseLessonView {
  index: number;
  section: string;
  file: string;
  /** The course's `title`, else the scenario's `name`, else the file name. */
  title: string;
  summary: string;
}

export interface CourseView {
  title: string;
  description?: string;
  lessons: CourseLessonView[];
}

/** A moment where lesson playback stops: a caption to read or a question to answer. */
export type Stop =
  | { kind: 'caption'; key: string; tUs: number; text: string }
  | { kind: 'quiz'; key: string; tUs: number; quiz: ResolvedQuiz };

/** Captions and questions in time order; at one instant the caption comes before the question. */
export function lessonStops(lesson: ResolvedLesson): Stop[] {
  const stops: Stop[] = [
    ...lesson.captions.map((c, i): Stop => ({ kind: 'caption', key: `c${i}`, tUs: c.tUs, text: c.text })),
    ...lesson.quiz.map((q): Stop => ({ kind: 'quiz', key: `q${q.index}`, tUs: q.tUs, quiz: q })),
  ];
  const rank = (s: Stop) => (s.kind === 'caption' ? 0 : 1);
  return stops.map((s, n) => ({ s, n })).sort((a, b) => a.s.tUs - b.s.tUs || rank(a.s) - rank(b.s) || a.n - b.n).map((e) => e.s);
}

/** The first stop not yet handled that playback from `prevUs` to `nowUs` reaches (both ends included). */
export function stopReached(stops: Stop[], handled: ReadonlySet<string>, prevUs: number, nowUs: number): Stop | undefined {
  return stops.find((s) => !handled.has(s.key) && s.tUs >= prevUs && s.tUs <= nowUs);
}

/** After a jump back, captions after the playhead stop playback again (answered questions do not). */
export function rewind(stops: Stop[], handled: ReadonlySet<string>, nowUs: number): Set<string> {
  return new Set([...handled].filter((k) => !stops.some((s) => s.key === k && s.kind === 'caption' && s.tUs > nowUs)));
}

/** The time of the caption before (dir −1) or after (dir +1) the playhead, if any. */
export function captionJump(captions: { tUs: number }[], tUs: number, dir: -1 | 1): number | undefined {
  const times = captions.map((c) => c.tUs);
  if (dir > 0) return times.find((t) => t > tUs);
  return [...times].reverse().find((t) => t < tUs);
}

/** Previous and next lesson in course order. */
export function neighbours(lessons: CourseLessonView[], file: string): { prev?: CourseLessonView; next?: CourseLessonView } {
  const i = lessons.findIndex((l) => l.file === file);
  if (i < 0) return {};
  return { prev: lessons[i - 1], next: lessons[i + 1] };
}

export interface Answer {
  guess: string | number;
  right: boolean;
}

export interface LessonProgress {
  opened: boolean;
  /** Questions in the lesson (known once it has been opened). */
  questions?: number;
  /** By question index in the scenario's `quiz`: the learner's latest answer. */
  answers: Record<number, Answer>;
}

const KEY_PREFIX = 'repsim.lesson.';

export function readProgress(storage: Pick<Storage, 'getItem'> | undefined, file: string): LessonProgress {
  const empty: LessonProgress = { opened: false, answers: {} };
  try {
    const raw = storage?.getItem(KEY_PREFIX + file);
    if (!raw) return empty;
    const p = JSON.parse(raw) as Partial<LessonProgress>;
    return { opened: p.opened === true, answers: p.answers && typeof p.answers === 'object' ? p.answers : {}, ...(typeof p.questions === 'number' ? { questions: p.questions } : {}) };
  } catch {
    return empty;
  }
}

export function writeProgress(storage: Pick<Storage, 'setItem'> | undefined, file: string, p: LessonProgress): void {
  try {
    storage?.setItem(KEY_PREFIX + file, JSON.stringify(p));
  } catch {
    // Storage full or disabled (private mode): progress is a convenience, the lesson still works.
  }
}

/** The course list's mark for a lesson: not started, opened, answered n of m (k right). */
export function progressMark(p: LessonProgress): { mark: string; text: string } {
  const answers = Object.values(p.answers);
  const right = answers.filter((a) => a.right).length;
  if (answers.length > 0 && p.questions !== undefined && answers.length >= p.questions) return { mark: '●', text: `${right}/${p.questions} right` };
  if (answers.length > 0) return { mark: '◐', text: `${answers.length}${p.questions !== undefined ? `/${p.questions}` : ''} answered, ${right} right` };
  if (p.opened) return { mark: '◐', text: 'opened' };
  return { mark: '○', text: 'not started' };
}

export interface CatalogGroup {
  label: string;
  items: { fileName: string; title: string }[];
}

/**
 * The built-in scenarios as the Scenario tab lists them: by course section, in teaching
 * order, under their lesson titles; scenarios the course does not name come last.
 */
export function catalogGroups(catalog: { fileName: string; title: string }[], course: CourseView | null): CatalogGroup[] {
  const known = new Set(catalog.map((c) => c.fileName));
  const groups: CatalogGroup[] = [];
  for (const l of course?.lessons ?? []) {
    if (!known.has(l.file)) continue;
    let g = groups.find((x) => x.label === l.section);
    if (!g) groups.push((g = { label: l.section, items: [] }));
    g.items.push({ fileName: l.file, title: l.title });
  }
  const inCourse = new Set(course?.lessons.map((l) => l.file) ?? []);
  const rest = catalog.filter((c) => !inCourse.has(c.fileName));
  if (rest.length > 0) groups.push({ label: groups.length > 0 ? 'Other scenarios' : 'Scenarios', items: rest });
  return groups;
}
