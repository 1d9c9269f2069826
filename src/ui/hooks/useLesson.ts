import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { isRightAnswer } from '../../metrics/lesson.ts';
import { captionJump, lessonStops, readProgress, rewind, stopReached, writeProgress } from '../state/lesson.ts';
import type { Stop } from '../state/lesson.ts';
import type { LoadedRun } from './useSimulation.ts';
import type { Playhead } from './playhead.ts';

/** Where lesson playback is stopped: a caption, or a question (with the learner's answer once given). */
export interface Pending {
  stop: Stop;
  answer?: { guess: string | number; right: boolean };
}

const storage = (): Storage | undefined => (typeof localStorage === 'undefined' ? undefined : localStorage);

/**
 * Lesson mode over a run: opens a course lesson with its pacing, stops playback at each caption
 * and question (Continue / Enter / Space go on; a question must be answered first), and keeps
 * answers in localStorage. The times and answers are the worker's resolved lesson.
 */
export function useLesson(playhead: Playhead, run: LoadedRun | null) {
  const [file, setFile] = useState<string | null>(null);
  const [pending, setPendingState] = useState<Pending | null>(null);
  const [progressVersion, setProgressVersion] = useState(0);
  const pendingRef = useRef<Pending | null>(null);
  const handled = useRef(new Set<string>());
  const opening = useRef<{ file: string; tUs: number } | null>(null);
  const setPending = (p: Pending | null) => {
    pendingRef.current = p;
    setPendingState(p);
  };

  const active = !!run?.lesson && file !== null && run.fileName === file;
  const lesson = active ? run!.lesson! : null;
  const stops = useMemo(() => (lesson ? lessonStops(lesson) : []), [lesson]);

  /** Opens a lesson (after the caller has requested its run), at `tUs`. */
  const open = useCallback((f: string | null, tUs = 0) => {
    setFile(f);
    setPending(null);
    opening.current = f ? { file: f, tUs } : null;
  }, []);

  // No spoilers in a lesson: time charts cover what is after the playhead.
  useEffect(() => {
    playhead.hideFuture = !!lesson;
    playhead.refresh();
  }, [playhead, lesson]);

  // Playback stops at each caption and question it reaches.
  useEffect(() => {
    handled.current = new Set();
    if (!lesson) return;
    let prev = playhead.tUs;
    let stopping = false;
    return playhead.subscribe(() => {
      if (stopping) return;
      const now = playhead.tUs;
      if (now < prev) handled.current = rewind(stops, handled.current, now);
      const p = pendingRef.current;
      if (playhead.playing && p) {
        // Play pressed instead of Continue: a caption is read, an answered question is done.
        if (p.stop.kind === 'caption' || p.answer) handled.current.add(p.stop.key);
        if (p.stop.kind === 'caption' || p.answer) setPending(null);
      }
      const s = playhead.playing ? stopReached(stops, handled.current, prev, now) : undefined;
      prev = now;
      if (!s) return;
      stopping = true;
      playhead.pause();
      playhead.seek(s.tUs);
      stopping = false;
      prev = s.tUs;
      setPending({ stop: s });
      playhead.refresh();
    });
  }, [playhead, lesson, stops]);

  // A lesson just opened: its time, speed and autoplay, and a mark in the course list.
  useEffect(() => {
    const o = opening.current;
    if (!o || !run || run.fileName !== o.file) return;
    opening.current = null;
    const pb = run.lesson?.playback;
    if (pb) playhead.setSpeed(pb.speed);
    playhead.seek(o.tUs);
    const prog = readProgress(storage(), o.file);
    writeProgress(storage(), o.file, { ...prog, opened: true, questions: run.lesson?.quiz.length ?? 0 });
    setProgressVersion((v) => v + 1);
    if (pb?.autoplay) playhead.play();
  }, [run, playhead]);

  const proceed = useCallback(() => {
    const p = pendingRef.current;
    if (!p || (p.stop.kind === 'quiz' && !p.answer)) return;
    handled.current.add(p.stop.key);
    setPending(null);
    playhead.play();
  }, [playhead]);

  const answer = useCallback((guess: string | number) => {
    const p = pendingRef.current;
    if (!p || p.stop.kind !== 'quiz' || p.answer || !file) return;
    const right = isRightAnswer(p.stop.quiz, guess);
    setPending({ ...p, answer: { guess, right } });
    const prog = readProgress(storage(), file);
    writeProgress(storage(), file, { ...prog, answers: { ...prog.answers, [p.stop.quiz.index]: { guess, right } } });
    setProgressVersion((v) => v + 1);
  }, [file]);

  /** `[` / `]`: the previous / next caption, shown as a stop. */
  const jumpCaption = useCallback((dir: -1 | 1) => {
    if (!lesson) return;
    const t = captionJump(lesson.captions, playhead.tUs, dir);
    if (t === undefined) return;
    playhead.pause();
    playhead.seek(t);
    const s = stops.find((x) => x.kind === 'caption' && x.tUs === t);
    if (s) setPending({ stop: s });
  }, [lesson, stops, playhead]);

  // Enter / Space continue; an unanswered question swallows them; [ and ] jump between captions.
  useEffect(() => {
    if (!lesson) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      const tag = (e.target as HTMLElement | null)?.tagName;
      if (tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT') return;
      const p = pendingRef.current;
      if (e.key === '[' || e.key === ']') {
        e.preventDefault();
        jumpCaption(e.key === '[' ? -1 : 1);
        return;
      }
      if (!p || (e.key !== 'Enter' && e.key !== ' ')) return;
      // A focused button (Continue, a choice) activates itself; the page's Space must not also toggle play.
      if (tag === 'BUTTON') return e.stopPropagation();
      e.preventDefault();
      e.stopPropagation();
      proceed();
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [lesson, proceed, jumpCaption]);

  return { file, open, lesson, pending, proceed, answer, jumpCaption, progressVersion };
}

export type LessonState = ReturnType<typeof useLesson>;
