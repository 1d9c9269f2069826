import { useEffect, useRef } from 'react';
import { progressMark, readProgress } from '../state/lesson.ts';
import type { CourseView } from '../state/lesson.ts';

interface Props {
  course: CourseView | null;
  current: string | null;
  onOpen: (file: string) => void;
  onClose: () => void;
  /** Bumped when progress changes, so the marks are read again. */
  progressVersion: number;
}

const storage = (): Storage | undefined => (typeof localStorage === 'undefined' ? undefined : localStorage);

/** The course: sections, one line per lesson, and the learner's progress marks. */
export function CoursePanel({ course, current, onOpen, onClose, progressVersion }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    (ref.current?.querySelector('li.current button, li button') as HTMLElement | null)?.focus();
  }, [course]);
  const sections = course ? [...new Set(course.lessons.map((l) => l.section))] : [];
  return (
    <div className="overlay course-overlay" role="dialog" aria-modal="true" aria-labelledby="course-title" data-testid="course" data-progress={progressVersion}
      onKeyDown={(e) => { if (e.key === 'Escape') onClose(); }}>
      <div className="course" ref={ref}>
        <header>
          <h2 id="course-title">{course?.title ?? 'The course'}</h2>
          <button type="button" onClick={onClose} aria-label="Close the course (Esc)" title="Explore freely (Esc)">✕</button>
        </header>
        {course?.description && <p className="course-intro">{course.description}</p>}
        {!course && <p className="hint">Loading the course…</p>}
        <ol className="course-sections">
          {sections.map((section) => (
            <li key={section}>
              <h3>{section}</h3>
              <ol className="course-lessons">
                {course!.lessons.filter((l) => l.section === section).map((l) => {
                  const p = progressMark(readProgress(storage(), l.file));
                  return (
                    <li key={l.file} className={l.file === current ? 'current' : undefined} data-file={l.file}>
                      <button type="button" onClick={() => onOpen(l.file)} data-testid="course-lesson">
                        <span className="num">{l.index + 1}</span>
                        <span className="mark" title={p.text} aria-label={p.text} data-testid="lesson-progress">{p.mark}</span>
                        <span className="title">{l.title}</span>
                        <span className="summary">{l.summary}</span>
                        {p.mark !== '○' && <span className="progress-text">{p.text}</span>}
                      </button>
                    </li>
                  );
                })}
              </ol>
            </li>
          ))}
        </ol>
        <p className="hint">Each lesson plays by itself and stops at each caption (Continue, Enter or Space) and at each question: predict before you see. Close this to explore any scenario freely from the Scenario tab; the Course button brings it back.</p>
      </div>
    </div>
  );
}
