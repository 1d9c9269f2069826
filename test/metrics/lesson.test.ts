import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseAnchor } from '../../src/metrics/anchors.ts';
import { isRightAnswer, LessonResolver, resolveLesson, type LessonSpec } from '../../src/metrics/lesson.ts';
import type { Report } from '../../src/metrics/report.ts';
import { simulate } from '../../src/metrics/simulate.ts';
import { parseTraceQuery } from '../../src/metrics/trace-query.ts';
import type { TraceRecord } from '../../src/model/trace.ts';
import { parseScenario } from '../../src/scenario/index.ts';

/** Only the report fields the lessons below read. */
const report = { simulatedTimeMs: 20_000, writes: { lostAcknowledged: 6 } } as unknown as Report;

const trace: TraceRecord[] = [
  { t: 8_000_000, type: 'fault', kind: 'crash', nodes: ['p'], detail: '' },
  { t: 10_000_000, type: 'failover', step: 'repointed', detail: '' },
  { t: 10_000_000, type: 'write.lost', op: 1, lsn: 1, node: 'p', term: 1, cause: 'abandoned-branch' },
  { t: 15_000_000, type: 'rollback', node: 'p', primary: 'r1', term: 2, fromLsn: 10, toLsn: 4, entries: 6, source: 'own-log' },
];

const on = (text: string) => ({ on: parseAnchor(text) });
const base: LessonSpec = { narration: [], quiz: [], markers: [], context: { monitorMeasure: 'heartbeat' } };

describe('resolving a lesson', () => {
  it('gives captions, questions and markers their times, in time order (ties in file order)', () => {
    const spec: LessonSpec = {
      ...base,
      narration: [
        { when: on('rollback'), text: 'rolled back' },
        { when: { atUs: 0 }, text: 'start' },
        { when: on('fault:crash'), text: 'crash' },
        { when: { atUs: 8_000_000 }, text: 'also at 8 s' },
      ],
      quiz: [{ when: { atUs: 7_000_000 }, ask: 'Lost?', choices: ['Yes', 'No'], answer: { fact: { report: 'writes.lostAcknowledged > 0', segments: [], comparison: true }, then: 'Yes', else: 'No' }, explain: 'e' }],
      markers: [{ on: parseAnchor('failover.completed') }, { on: parseAnchor('fault:crash'), label: 'Crash!' }],
    };
    const out = resolveLesson(spec, trace, report);
    expect(out.captions).toEqual([
      { tUs: 0, text: 'start' },
      { tUs: 8_000_000, text: 'crash' },
      { tUs: 8_000_000, text: 'also at 8 s' },
      { tUs: 15_000_000, text: 'rolled back' },
    ]);
    expect(out.quiz).toEqual([{ index: 0, tUs: 7_000_000, ask: 'Lost?', choices: ['Yes', 'No'], answer: 'Yes', explain: 'e' }]);
    expect(out.markers).toEqual([{ tUs: 8_000_000, label: 'Crash!' }, { tUs: 10_000_000, label: 'failover completed' }]);
    expect(out.problems).toEqual([]);
  });

  it('takes number answers from the report or the trace', () => {
    const spec: LessonSpec = {
      ...base,
      quiz: [
        { when: { atUs: 0 }, ask: 'How many?', number: {}, answer: { fact: { report: 'writes.lostAcknowledged', segments: ['writes', 'lostAcknowledged'], comparison: false } }, explain: 'e' },
        { when: { atUs: 0 }, ask: 'Rolled back?', number: { within: 1 }, answer: { fact: { trace: parseTraceQuery('sum(rollback.entries)') } }, explain: 'e' },
      ],
    };
    expect(resolveLesson(spec, trace, report).quiz.map((q) => q.answer)).toEqual([6, 6]);
  });

  it('reports an event that never happens, a time after the end, and a literal answer the run contradicts', () => {
    const spec: LessonSpec = {
      ...base,
      narration: [{ when: on('semi-sync-fallback'), text: 'never' }, { when: { atUs: 30_000_000 }, text: 'too late' }],
      quiz: [
        { when: { atUs: 1 }, ask: 'Any lost?', choices: ['Yes', 'No'], answer: { literal: 'No', check: { report: 'writes.lostAcknowledged == 0', segments: [], comparison: true } }, explain: 'e' },
        { when: { atUs: 1 }, ask: 'Rollbacks?', number: {}, answer: { literal: 2, check: { trace: parseTraceQuery('count(rollback)') } }, explain: 'e' },
        { when: { atUs: 1 }, ask: 'Who?', choices: ['a', 'b'], answer: { fact: { trace: parseTraceQuery('first(rollback.node)') } }, explain: 'e' },
      ],
      markers: [{ on: parseAnchor('first-held-read') }],
    };
    const out = resolveLesson(spec, trace, report);
    expect(out.captions).toEqual([]);
    expect(out.quiz).toEqual([]);
    expect(out.markers).toEqual([]);
    expect(out.problems).toEqual([
      { where: 'narration[0]', message: '`semi-sync-fallback` never happens in this run' },
      { where: 'narration[1]', message: 'at 30s is after the run ends (20s)' },
      { where: 'quiz[0]', message: 'the answer `No` contradicts the run: report: writes.lostAcknowledged == 0 is false (actual 6) (question: “Any lost?”)' },
      { where: 'quiz[1]', message: 'the answer `2` contradicts the run: trace: count(rollback) is 1 (question: “Rollbacks?”)' },
      { where: 'quiz[2]', message: "the run's answer `p` (trace: first(rollback.node)) is not one of the choices (question: “Who?”)" },
      { where: 'markers[0]', message: '`first-held-read` never happens in this run' },
    ]);
  });

  it('judges guesses: a choice exactly, a number within its margin', () => {
    expect(isRightAnswer({ answer: 'Yes' }, 'Yes')).toBe(true);
    expect(isRightAnswer({ answer: 'Yes' }, 'No')).toBe(false);
    expect(isRightAnswer({ answer: 6, number: {} }, 6)).toBe(true);
    expect(isRightAnswer({ answer: 6, number: {} }, 7)).toBe(false);
    expect(isRightAnswer({ answer: 6, number: { within: 2 } }, '8')).toBe(true);
    expect(isRightAnswer({ answer: 50, number: { withinFraction: 0.2 } }, 61)).toBe(false);
    expect(isRightAnswer({ answer: 50, number: { withinFraction: 0.2 } }, 40)).toBe(true);
    expect(isRightAnswer({ answer: 50, number: { within: 5 } }, 'lots')).toBe(false);
  });
});

describe('resolving a lesson on a real run', () => {
  const file = new URL('../../scenarios/write-burst-single-applier.yaml', import.meta.url);
  const scenario = parseScenario(readFileSync(file, 'utf8'), 'write-burst-single-applier.yaml');
  const records: TraceRecord[] = [];
  const streaming = new LessonResolver(scenario.lesson);
  const runReport = simulate(scenario.config, {
    trace: (r) => {
      records.push(r);
      streaming.accept(r);
    },
  });

  it('the streaming fold and the whole-trace function agree, and every event of the lesson happens', () => {
    const whole = resolveLesson(scenario.lesson, records, runReport);
    expect(streaming.finish(runReport)).toEqual(whole);
    expect(whole.problems).toEqual([]);
    expect(whole.markers.length).toBe(scenario.lesson.markers.length);
  });

  it('lag-peak lands where the report says lag peaked: its apply delay is the reported max lag', () => {
    const peak = resolveLesson({ ...base, markers: [{ on: parseAnchor('lag-peak:db-2') }] }, records, runReport).markers[0];
    const atPeak = records.find((r) => r.type === 'entry.apply' && r.t === peak.tUs && r.node === 'db-2');
    expect(atPeak?.type === 'entry.apply' && atPeak.delayUs / 1000).toBe(runReport.replication.lagMs['db-2'].max);
    // The scenario's fluid model puts the peak when the last burst entry is applied, at ~9 s.
    expect(peak.tUs).toBeGreaterThan(8_500_000);
    expect(peak.tUs).toBeLessThan(9_500_000);
  });

  it('is deterministic: a second run of the same scenario resolves to the same lesson', () => {
    const again = new LessonResolver(scenario.lesson);
    const againReport = simulate(scenario.config, { trace: again.sink });
    expect(again.finish(againReport)).toEqual(resolveLesson(scenario.lesson, records, runReport));
  });
});
