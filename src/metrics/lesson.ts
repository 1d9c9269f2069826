import type { TraceRecord, TraceSink } from '../model/trace.ts';
import { AnchorFold, anchorLabel, type Anchor, type AnchorContext } from './anchors.ts';
import { evaluateExpectations, valueAt } from './expect.ts';
import type { Report } from './report.ts';
import { QueryFold, type QueryValue, type TraceQuery } from './trace-query.ts';

/*
 * A lesson: the parts of a scenario that teach (captions, questions, key moments), with times
 * given either as a time (`at`) or as an event of the run (`on`). Resolving a lesson against
 * a run's trace and report gives every caption, question and marker its time, and every
 * question its answer — computed from the run, so it cannot disagree with what the learner
 * then sees. Pure and deterministic: the CLI folds the trace as it streams; the browser can
 * call resolveLesson on the records it already has.
 */

/** When something happens: a time (µs), or the first time an event happens. */
export type When = { atUs: number } | { on: Anchor };

/** A fact of the run: a report path (or comparison), or a trace query. */
export type RunFact =
  | { report: string; segments: string[]; comparison: boolean }
  | { trace: TraceQuery };

export type AnswerSpec =
  /** Written in the file; `check` (optional) is the fact that must agree with it. */
  | { literal: string | number; check?: RunFact }
  /** Taken from the run; a true/false fact picks `then` or `else`. */
  | { fact: RunFact; then?: string; else?: string };

export interface QuizSpec {
  when: When;
  ask: string;
  /** Multiple choice; absent for a number question. */
  choices?: string[];
  /** A number question: a guess within `within` (absolute) or `withinFraction` (of the answer) counts as right. */
  number?: { within?: number; withinFraction?: number };
  answer: AnswerSpec;
  explain: string;
}

export interface LessonSpec {
  /** Markdown-subset text (see description.ts in the scenario layer); never HTML. */
  description?: string;
  /** Playback speed (simulated seconds per wall-clock second) and whether the page plays at once. */
  playback?: { speed: number; autoplay: boolean };
  narration: { when: When; text: string }[];
  quiz: QuizSpec[];
  markers: { on: Anchor; label?: string }[];
  context: AnchorContext;
}

export interface ResolvedQuiz {
  /** Index in the scenario's `quiz` list. */
  index: number;
  tUs: number;
  ask: string;
  choices?: string[];
  number?: { within?: number; withinFraction?: number };
  answer: string | number;
  explain: string;
}

export interface LessonProblem {
  /** `narration[2]`, `quiz[0]`, `markers[1]`. */
  where: string;
  message: string;
}

export interface ResolvedLesson {
  /** In time order (ties keep file order). Captions whose event never happens are left out. */
  captions: { tUs: number; text: string }[];
  quiz: ResolvedQuiz[];
  markers: { tUs: number; label: string }[];
  /** An event that never happens, an answer the run contradicts: the lesson is broken. */
  problems: LessonProblem[];
}

/** The lesson needs the trace (it has `on:` times or trace queries); otherwise the report suffices. */
export function lessonNeedsTrace(spec: LessonSpec): boolean {
  const facts = spec.quiz.flatMap((q) => factsOf(q.answer));
  return (
    spec.markers.length > 0 ||
    [...spec.narration, ...spec.quiz].some((x) => 'on' in x.when) ||
    facts.some((f) => 'trace' in f)
  );
}

/**
 * Folds trace records into what the lesson needs: one fold per distinct anchor and trace
 * query, no record kept. Pass `sink` as (or alongside) the run's trace sink, then `finish`.
 */
export class LessonResolver {
  private readonly anchors = new Map<string, AnchorFold>();
  private readonly queries = new Map<string, QueryFold>();

  constructor(private readonly spec: LessonSpec) {
    const whens = [...spec.narration.map((n) => n.when), ...spec.quiz.map((q) => q.when), ...spec.markers.map((m) => ({ on: m.on }))];
    for (const w of whens) if ('on' in w && !this.anchors.has(w.on.text)) this.anchors.set(w.on.text, new AnchorFold(w.on, spec.context));
    for (const f of spec.quiz.flatMap((q) => factsOf(q.answer))) if ('trace' in f && !this.queries.has(f.trace.text)) this.queries.set(f.trace.text, new QueryFold(f.trace));
  }

  readonly sink: TraceSink = (r) => this.accept(r);

  accept(r: TraceRecord): void {
    for (const a of this.anchors.values()) a.accept(r);
    for (const q of this.queries.values()) q.accept(r);
  }

  finish(report: Report): ResolvedLesson {
    const problems: LessonProblem[] = [];
    const endUs = Math.round(report.simulatedTimeMs * 1000);
    const timeOf = (when: When, where: string): number | undefined => {
      if ('atUs' in when) {
        if (when.atUs > endUs) problems.push({ where, message: `at ${formatMs(when.atUs)} is after the run ends (${formatMs(endUs)})` });
        return when.atUs <= endUs ? when.atUs : undefined;
      }
      const t = this.anchors.get(when.on.text)?.timeUs;
      if (t === undefined) problems.push({ where, message: `\`${when.on.text}\` never happens in this run` });
      return t;
    };
    const captions = this.spec.narration.flatMap((n, i) => {
      const tUs = timeOf(n.when, `narration[${i}]`);
      return tUs === undefined ? [] : [{ tUs, text: n.text }];
    });
    const quiz = this.spec.quiz.flatMap((q, index): ResolvedQuiz[] => {
      const where = `quiz[${index}]`;
      const tUs = timeOf(q.when, where);
      const answer = this.answerOf(q, report, where, problems);
      if (tUs === undefined || answer === undefined) return [];
      const out: ResolvedQuiz = { index, tUs, ask: q.ask, answer, explain: q.explain };
      if (q.choices) out.choices = [...q.choices];
      if (q.number) out.number = { ...q.number };
      return [out];
    });
    const markers = this.spec.markers.flatMap((m, i) => {
      const tUs = timeOf({ on: m.on }, `markers[${i}]`);
      return tUs === undefined ? [] : [{ tUs, label: m.label ?? anchorLabel(m.on) }];
    });
    const byTime = <T extends { tUs: number }>(xs: T[]) => xs.map((x, n) => ({ x, n })).sort((a, b) => a.x.tUs - b.x.tUs || a.n - b.n).map((e) => e.x);
    return { captions: byTime(captions), quiz: byTime(quiz), markers: byTime(markers), problems };
  }

  private answerOf(q: QuizSpec, report: Report, where: string, problems: LessonProblem[]): string | number | undefined {
    const a = q.answer;
    const wrong = (message: string) => {
      problems.push({ where, message: `${message} (question: “${q.ask}”)` });
      return undefined;
    };
    if ('literal' in a) {
      if (!a.check) return a.literal;
      const v = this.valueOf(a.check, report);
      const agrees = typeof v === 'boolean' ? v : v === a.literal;
      if (!agrees) return wrong(`the answer \`${a.literal}\` contradicts the run: ${factText(a.check)} is ${show(v)}${typeof v === 'boolean' ? ` (actual ${show(this.actualOf(a.check, report))})` : ''}`);
      return a.literal;
    }
    const v = this.valueOf(a.fact, report);
    if (typeof v === 'boolean' && a.then !== undefined && a.else !== undefined) return v ? a.then : a.else;
    if (v === null) return wrong(`${factText(a.fact)} has no value in this run`);
    if (q.number) {
      if (typeof v !== 'number') return wrong(`${factText(a.fact)} is ${show(v)}, not a number`);
      return v;
    }
    const text = String(v);
    if (q.choices && !q.choices.includes(text)) return wrong(`the run's answer ${show(v)} (${factText(a.fact)}) is not one of the choices`);
    return text;
  }

  /** For a comparison, the value compared: the first failing comparison's for a report line. */
  private actualOf(f: RunFact, report: Report): QueryValue {
    if ('trace' in f) return this.queries.get(f.trace.text)!.operand;
    return evaluateExpectations(report, [f.report])[0].actual;
  }

  private valueOf(f: RunFact, report: Report): QueryValue {
    if ('trace' in f) return this.queries.get(f.trace.text)!.value;
    if (f.comparison) return evaluateExpectations(report, [f.report])[0].pass;
    return valueAt(report, f.segments);
  }
}

/** Resolves a lesson from a whole trace (e.g. the records the browser already holds). */
export function resolveLesson(spec: LessonSpec, trace: Iterable<TraceRecord>, report: Report): ResolvedLesson {
  const resolver = new LessonResolver(spec);
  for (const r of trace) resolver.accept(r);
  return resolver.finish(report);
}

/** Whether a learner's guess counts as right. */
export function isRightAnswer(q: Pick<ResolvedQuiz, 'answer' | 'number'>, guess: string | number): boolean {
  if (!q.number) return String(guess) === String(q.answer);
  const g = Number(guess);
  const a = Number(q.answer);
  if (!Number.isFinite(g)) return false;
  const margin = q.number.within ?? (q.number.withinFraction !== undefined ? Math.abs(a) * q.number.withinFraction : 0);
  return Math.abs(g - a) <= margin + 1e-9;
}

function factsOf(a: AnswerSpec): RunFact[] {
  if ('fact' in a) return [a.fact];
  return a.check ? [a.check] : [];
}

function factText(f: RunFact): string {
  return 'trace' in f ? `trace: ${f.trace.text}` : `report: ${f.report}`;
}

function show(v: QueryValue): string {
  return v === null ? 'no value' : typeof v === 'string' ? `\`${v}\`` : String(v);
}

function formatMs(us: number): string {
  return us % 1_000_000 === 0 ? `${us / 1_000_000}s` : `${us / 1000}ms`;
}
