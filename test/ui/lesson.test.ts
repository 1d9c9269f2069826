import { describe, expect, it } from 'vitest';
import { captionJump, catalogGroups, lessonStops, neighbours, progressMark, readProgress, rewind, stopReached, writeProgress } from '../../src/ui/state/lesson.ts';
import type { CourseLessonView } from '../../src/ui/state/lesson.ts';
import type { ResolvedLesson } from '../../src/metrics/lesson.ts';

const lesson: ResolvedLesson = {
  captions: [{ tUs: 0, text: 'start' }, { tUs: 2_000_000, text: 'commit' }, { tUs: 5_000_000, text: 'apply' }],
  quiz: [
    { index: 1, tUs: 2_000_000, ask: 'b?', choices: ['x', 'y'], answer: 'x', explain: '' },
    { index: 0, tUs: 0, ask: 'a?', number: { within: 1 }, answer: 3, explain: '' },
  ],
  markers: [],
  problems: [],
};

describe('lesson stops', () => {
  const stops = lessonStops(lesson);

  it('orders captions and questions by time, a caption before a question at the same instant', () => {
    expect(stops.map((s) => s.key)).toEqual(['c0', 'q0', 'c1', 'q1', 'c2']);
  });

  it('playback reaches the first unhandled stop in [prev, now], including one at the start', () => {
    expect(stopReached(stops, new Set(), 0, 1000)?.key).toBe('c0');
    expect(stopReached(stops, new Set(['c0']), 0, 1000)?.key).toBe('q0');
    expect(stopReached(stops, new Set(['c0', 'q0']), 0, 1000)).toBeUndefined();
    expect(stopReached(stops, new Set(['c0', 'q0']), 1000, 3_000_000)?.key).toBe('c1');
    // Starting past a stop (a link to 3 s) never stops at the earlier ones.
    expect(stopReached(stops, new Set(), 3_000_000, 4_000_000)).toBeUndefined();
  });

  it('a jump back makes the captions after the playhead stop again, but not answered questions', () => {
    const after = rewind(stops, new Set(['c0', 'q0', 'c1', 'q1']), 1_000_000);
    expect([...after].sort()).toEqual(['c0', 'q0', 'q1']);
  });

  it('[ and ] find the caption strictly before / after the playhead', () => {
    expect(captionJump(lesson.captions, 2_000_000, 1)).toBe(5_000_000);
    expect(captionJump(lesson.captions, 2_000_000, -1)).toBe(0);
    expect(captionJump(lesson.captions, 0, -1)).toBeUndefined();
    expect(captionJump(lesson.captions, 5_000_000, 1)).toBeUndefined();
  });
});

describe('course navigation and links', () => {
  const lessons: CourseLessonView[] = ['a.yaml', 'b.yaml', 'c.yaml'].map((file, index) => ({ index, file, section: 's', title: file, summary: '' }));

  it('previous / next follow course order, with none past either end', () => {
    expect(neighbours(lessons, 'b.yaml')).toEqual({ prev: lessons[0], next: lessons[2] });
    expect(neighbours(lessons, 'a.yaml').prev).toBeUndefined();
    expect(neighbours(lessons, 'c.yaml').next).toBeUndefined();
    expect(neighbours(lessons, 'zzz.yaml')).toEqual({});
  });

});

describe('progress in storage', () => {
  const memory = () => {
    const m = new Map<string, string>();
    return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v) };
  };

  it('round-trips answers per lesson and marks the course list', () => {
    const s = memory();
    expect(progressMark(readProgress(s, 'a.yaml'))).toEqual({ mark: '○', text: 'not started' });
    writeProgress(s, 'a.yaml', { opened: true, questions: 2, answers: {} });
    expect(progressMark(readProgress(s, 'a.yaml')).text).toBe('opened');
    writeProgress(s, 'a.yaml', { ...readProgress(s, 'a.yaml'), answers: { 0: { guess: 3, right: true } } });
    expect(progressMark(readProgress(s, 'a.yaml'))).toEqual({ mark: '◐', text: '1/2 answered, 1 right' });
    writeProgress(s, 'a.yaml', { ...readProgress(s, 'a.yaml'), answers: { 0: { guess: 3, right: true }, 1: { guess: 'y', right: false } } });
    expect(progressMark(readProgress(s, 'a.yaml'))).toEqual({ mark: '●', text: '1/2 right' });
    expect(readProgress(s, 'b.yaml').opened).toBe(false);
  });

  it('damaged or missing storage reads as no progress', () => {
    expect(readProgress({ getItem: () => '{not json' }, 'a.yaml')).toEqual({ opened: false, answers: {} });
    expect(readProgress(undefined, 'a.yaml')).toEqual({ opened: false, answers: {} });
    expect(() => writeProgress({ setItem: () => { throw new Error('quota'); } }, 'a.yaml', { opened: true, answers: {} })).not.toThrow();
  });

  it('lists built-in scenarios by course section in teaching order, titled as lessons, the rest last', () => {
    const catalog = [{ fileName: 'a.yaml', title: 'a' }, { fileName: 'b.yaml', title: 'b' }, { fileName: 'z.yaml', title: 'z' }];
    const course = { title: 'C', lessons: [
      { index: 0, section: 'Basics', file: 'b.yaml', title: 'Bee', summary: '' },
      { index: 1, section: 'Failover', file: 'a.yaml', title: 'Ay', summary: '' },
      { index: 2, section: 'Failover', file: 'gone.yaml', title: 'Gone', summary: '' },
    ] };
    expect(catalogGroups(catalog, course)).toEqual([
      { label: 'Basics', items: [{ fileName: 'b.yaml', title: 'Bee' }] },
      { label: 'Failover', items: [{ fileName: 'a.yaml', title: 'Ay' }] },
      { label: 'Other scenarios', items: [{ fileName: 'z.yaml', title: 'z' }] },
    ]);
    expect(catalogGroups(catalog, null)).toEqual([{ label: 'Scenarios', items: catalog }]);
  });
});
