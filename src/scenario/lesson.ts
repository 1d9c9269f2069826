import { parseAnchor, qualifierKind, type Anchor, type AnchorContext } from '../metrics/anchors.ts';
import type { AnswerSpec, LessonSpec, QuizSpec, RunFact, When } from '../metrics/lesson.ts';
import { parseTraceQuery } from '../metrics/trace-query.ts';
import { didYouMean } from './did-you-mean.ts';
import type { IssuePath, RawIssue } from './issues.ts';
import type { ScenarioDoc } from './schema/scenario.ts';
import { parseDuration } from './units.ts';

type QuizDoc = ScenarioDoc['quiz'][number];
type FactDoc = { report?: string; trace?: string };

/**
 * Checks the lesson fields against the rest of the document: node and group names in event
 * qualifiers exist, answers are among the choices, a number question has a number answer.
 * Runs only on a document whose shape is valid.
 */
export function checkLessonReferences(doc: ScenarioDoc): RawIssue[] {
  const issues: RawIssue[] = [];
  const nodes = doc.nodes.map((n) => n.id);
  const groups = doc.workload.map((g) => g.name);
  const anchor = (text: string | undefined, path: IssuePath) => {
    if (text === undefined) return;
    const a = parseAnchor(text);
    const kind = qualifierKind(a);
    const names = kind === 'node' ? nodes : kind === 'group' ? groups : undefined;
    if (names && a.qualifier !== undefined && !names.includes(a.qualifier))
      issues.push({ path, message: `unknown ${kind} \`${a.qualifier}\` in \`${text}\`${didYouMean(a.qualifier, names)}; ${kind}s are ${names.join(', ')}` });
    if (a.name === 'shunned' && contextOf(doc).maxLagUs === undefined)
      issues.push({ path, message: '`shunned` needs a group whose reads use bounded-staleness routing with maxLag' });
  };
  doc.narration.forEach((n, i) => anchor(n.on, ['narration', i, 'on']));
  doc.markers.forEach((m, i) => anchor(typeof m === 'string' ? m : m.on, ['markers', i]));
  doc.quiz.forEach((q, i) => {
    const path = ['quiz', i];
    anchor(q.on, [...path, 'on']);
    const a = q.answer;
    const among = (value: string, key: string) => {
      if (q.choices && !q.choices.includes(value)) issues.push({ path: [...path, ...(key === 'answer' ? ['answer'] : ['answer', key])], message: `\`${value}\` is not one of the choices (${q.choices.join(', ')})` });
    };
    if (typeof a === 'object') {
      if (q.check) issues.push({ path: [...path, 'check'], message: '`check` goes with a literal answer; this answer is already taken from the run' });
      const boolean = isComparison(a);
      if ((a.then === undefined) !== (a.else === undefined)) issues.push({ path: [...path, 'answer'], message: 'give both `then` and `else`, or neither' });
      if (a.then !== undefined && !boolean) issues.push({ path: [...path, 'answer'], message: '`then`/`else` pick a choice from a true/false fact; write a comparison such as `writes.lostAcknowledged > 0`' });
      if (boolean && a.then === undefined) issues.push({ path: [...path, 'answer'], message: 'a true/false fact needs `then` and `else`: the choice for each outcome' });
      if (q.number && (boolean || a.then !== undefined)) issues.push({ path: [...path, 'answer'], message: 'a number question takes a number from the run, not a comparison' });
      if (a.then !== undefined) among(a.then, 'then');
      if (a.else !== undefined) among(a.else, 'else');
    } else {
      if (q.number && typeof a !== 'number') issues.push({ path: [...path, 'answer'], message: `a number question needs a number answer, got \`${a}\`` });
      if (q.choices) among(String(a), 'answer');
    }
  });
  return issues;
}

function isComparison(f: FactDoc): boolean {
  if (f.trace !== undefined) return parseTraceQuery(f.trace).compare !== undefined;
  return /[<>=!]/.test(f.report ?? '');
}

/** The lesson fields of a validated, cross-checked document, times in µs. */
export function toLessonSpec(doc: ScenarioDoc): LessonSpec {
  const spec: LessonSpec = {
    narration: doc.narration.map((n) => ({ when: whenOf(n), text: n.text })),
    quiz: doc.quiz.map(toQuiz),
    markers: doc.markers.map((m) => (typeof m === 'string' ? { on: parseAnchor(m) } : { on: parseAnchor(m.on), ...(m.label !== undefined ? { label: m.label } : {}) })),
    context: contextOf(doc),
  };
  if (doc.description !== undefined) spec.description = doc.description;
  if (doc.playback) spec.playback = { speed: doc.playback.speed, autoplay: doc.playback.autoplay };
  return spec;
}

function whenOf(x: { at?: string | number; on?: string }): When {
  return x.on !== undefined ? { on: parseAnchor(x.on) as Anchor } : { atUs: parseDuration(x.at!) };
}

function toQuiz(q: QuizDoc): QuizSpec {
  const out: QuizSpec = { when: whenOf(q), ask: q.ask, answer: toAnswer(q), explain: q.explain };
  if (q.choices) out.choices = [...q.choices];
  if (q.number !== undefined) {
    const within = q.number === true ? undefined : q.number.within;
    out.number = typeof within === 'string' ? { withinFraction: Number(within.slice(0, -1)) / 100 } : within !== undefined ? { within } : {};
  }
  return out;
}

function toAnswer(q: QuizDoc): AnswerSpec {
  const a = q.answer;
  if (typeof a !== 'object') return q.check ? { literal: a, check: toFact(q.check) } : { literal: a };
  const out: AnswerSpec = { fact: toFact(a) };
  if (a.then !== undefined) out.then = a.then;
  if (a.else !== undefined) out.else = a.else;
  return out;
}

function toFact(f: FactDoc): RunFact {
  if (f.trace !== undefined) return { trace: parseTraceQuery(f.trace) };
  const text = f.report!.trim();
  const comparison = /[<>=!]/.test(text);
  return { report: text, segments: comparison ? [] : text.split('.'), comparison };
}

/** What anchors need from the scenario: the monitor's measure and the tightest bounded-staleness maxLag. */
function contextOf(doc: ScenarioDoc): AnchorContext {
  const routings = [doc.routing, ...doc.workload.map((g) => g.routing).filter((r) => r !== undefined)];
  const lags = routings.filter((r) => r.reads === 'bounded-staleness' && r.maxLag !== undefined).map((r) => parseDuration(r.maxLag!));
  const ctx: AnchorContext = { monitorMeasure: doc.monitor.measure };
  if (lags.length > 0) ctx.maxLagUs = Math.min(...lags);
  return ctx;
}
