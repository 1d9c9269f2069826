import { neighbours, readProgress } from '../state/lesson.ts';
import type { CourseView, LessonView } from '../state/lesson.ts';
import { formatUs } from '../format.ts';
import { Description } from './Description.tsx';

interface Props {
  course: CourseView | null;
  file: string;
  title: string;
  lesson: LessonView;
  onOpen: (file: string) => void;
  onCourse: () => void;
  progressVersion: number;
}

const storage = (): Storage | undefined => (typeof localStorage === 'undefined' ? undefined : localStorage);

/** The open lesson: where it sits in the course, what it shows (its description), previous / next. */
export function LessonCard({ course, file, title, lesson, onOpen, onCourse, progressVersion }: Props) {
  const lessons = course?.lessons ?? [];
  const me = lessons.find((l) => l.file === file);
  const { prev, next } = neighbours(lessons, file);
  const answers = readProgress(storage(), file).answers;
  const answered = lesson.quiz.filter((q) => answers[q.index]);
  return (
    <article className="lesson-card" data-testid="lesson-card" data-progress={progressVersion} aria-label="Lesson">
      <nav className="lesson-nav">
        <button type="button" onClick={() => prev && onOpen(prev.file)} disabled={!prev} data-testid="lesson-prev" title={prev?.title}>← Previous</button>
        <button type="button" onClick={onCourse} data-testid="lesson-course">Course</button>
        <button type="button" onClick={() => next && onOpen(next.file)} disabled={!next} data-testid="lesson-next" title={next?.title}>Next →</button>
      </nav>
      {me && <p className="lesson-where">Lesson {me.index + 1} of {lessons.length} · {me.section}</p>}
      <h2 className="lesson-title">{title}</h2>
      {lesson.description && <Description text={lesson.description} />}
      {lesson.quiz.length > 0 && (
        <p className="lesson-quiz-note">
          {lesson.quiz.length} question{lesson.quiz.length === 1 ? '' : 's'}: playback stops to ask each one before you see the answer
          {answered.length > 0 && <> ({answered.filter((q) => answers[q.index].right).length} of {answered.length} answered right so far)</>}.
        </p>
      )}
      {lesson.problems.length > 0 && (
        <div className="error" role="alert">This lesson does not fit its run: {lesson.problems.map((p) => `${p.where}: ${p.message}`).join('; ')}</div>
      )}
      <p className="hint">Keys: Enter or Space continue after a caption; [ and ] jump to the previous / next caption.{lesson.captions.length > 0 ? ` First caption at ${formatUs(lesson.captions[0].tUs)}.` : ''}</p>
    </article>
  );
}
