import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/scenario/index.ts';
import { BASE, issuesOf } from './helpers.ts';

/** Three nodes (p, r1, r2) and two groups (app writes, viewers read); lesson fields start on line 11. */
const LESSON_BASE = `${BASE}workload:
  - { name: app, writes: { rate: 10/s } }
  - { name: viewers, reads: { rate: 10/s } }
duration: 5s
routing: { reads: bounded-staleness, maxLag: 100ms }
monitor: { interval: 100ms }
`;

const quiz = (q: string) => `quiz:\n  - ${q}\n`;

describe('lesson fields: accepted', () => {
  it('a full lesson parses into a LessonSpec with times in µs', () => {
    const s = parseScenario(
      `${LESSON_BASE}description: |
  **What you will see.** A *replica* and \`code\`.

  - one
  - two
playback: { speed: 0.25, autoplay: true }
narration:
  - { at: 1s, text: "At one second." }
  - { on: "first-stale-read:viewers", text: "Stale." }
quiz:
  - at: 2s
    ask: Lost?
    choices: [Yes, No]
    answer: { report: writes.lostAcknowledged > 0, then: Yes, else: No }
    explain: Because.
  - on: "lag-peak:r1"
    ask: How far behind?
    number: { within: 20% }
    answer: { trace: "max(entry.apply.delayUs, node=r1)" }
    explain: Because.
  - at: 0s
    ask: Which node writes?
    choices: [p, r1]
    answer: p
    check: { trace: "first(write.commit.node) == p" }
    explain: Because.
markers: ["shunned:r2", { on: fault, label: The fault }]
`,
      'lesson.yaml',
    );
    // Time-anchored captions stay in `narration` for views that know no events.
    expect(s.narration).toEqual([{ atUs: 1_000_000, text: 'At one second.' }]);
    const l = s.lesson;
    expect(l.description).toMatch(/^\*\*What you will see/);
    expect(l.playback).toEqual({ speed: 0.25, autoplay: true });
    expect(l.narration.map((n) => n.when)).toEqual([{ atUs: 1_000_000 }, { on: { text: 'first-stale-read:viewers', name: 'first-stale-read', qualifier: 'viewers' } }]);
    expect(l.quiz[0].answer).toEqual({ fact: { report: 'writes.lostAcknowledged > 0', segments: [], comparison: true }, then: 'Yes', else: 'No' });
    expect(l.quiz[1].number).toEqual({ withinFraction: 0.2 });
    expect(l.quiz[2].answer).toMatchObject({ literal: 'p', check: { trace: { fn: 'first', type: 'write.commit', field: 'node' } } });
    expect(l.markers).toEqual([{ on: { text: 'shunned:r2', name: 'shunned', qualifier: 'r2' } }, { on: { text: 'fault', name: 'fault' }, label: 'The fault' }]);
    expect(l.context).toEqual({ monitorMeasure: 'heartbeat', maxLagUs: 100_000 });
  });

  it('a scenario without lesson fields has an empty lesson', () => {
    const l = parseScenario(BASE, 'plain.yaml').lesson;
    expect(l).toEqual({ narration: [], quiz: [], markers: [], context: { monitorMeasure: 'heartbeat' } });
  });
});

interface Case {
  rule: string;
  yaml: string;
  path: string;
  line: number;
  message: RegExp;
}

const cases: Case[] = [
  { rule: 'a description may not hold HTML', yaml: 'description: "See <b>this</b>"\n', path: 'description', line: 11, message: /HTML tags are not allowed/ },
  { rule: 'playback speed is within the visualizer range', yaml: 'playback: { speed: 0 }\n', path: 'playback.speed', line: 11, message: /0\.01/ },
  { rule: 'playback needs a speed', yaml: 'playback: { autoplay: true }\n', path: 'playback.speed', line: 11, message: /missing required field `speed`/ },
  { rule: 'a caption has a time or an event, not both', yaml: 'narration:\n  - { at: 1s, on: first-commit, text: x }\n', path: 'narration[0]', line: 12, message: /exactly one of `at`/ },
  { rule: 'a caption has a time or an event, not neither', yaml: 'narration:\n  - { text: x }\n', path: 'narration[0]', line: 12, message: /exactly one of `at`/ },
  { rule: 'an unknown event gets a did-you-mean', yaml: 'narration:\n  - { on: first-stale-reed, text: x }\n', path: 'narration[0].on', line: 12, message: /did you mean `first-stale-read`/ },
  { rule: 'an event qualifier names an existing node', yaml: 'markers: ["lag-peak:r3"]\n', path: 'markers[0]', line: 11, message: /unknown node `r3`.*nodes are p, r1, r2/ },
  { rule: 'an event qualifier names an existing group', yaml: 'markers: ["first-stale-read:viewer"]\n', path: 'markers[0]', line: 11, message: /unknown group `viewer` in `first-stale-read:viewer` \(did you mean `viewers`\?\)/ },
  { rule: 'a question needs choices or number', yaml: quiz('{ at: 1s, ask: q, answer: 3, explain: e }'), path: 'quiz[0]', line: 12, message: /exactly one of `choices`/ },
  { rule: 'a question needs an explanation', yaml: quiz('{ at: 1s, ask: q, choices: [a, b], answer: a }'), path: 'quiz[0].explain', line: 12, message: /missing required field `explain`/ },
  { rule: 'a literal answer is one of the choices', yaml: quiz('{ at: 1s, ask: q, choices: [a, b], answer: c, explain: e }'), path: 'quiz[0].answer', line: 12, message: /`c` is not one of the choices \(a, b\)/ },
  { rule: 'then/else are among the choices', yaml: quiz('{ at: 1s, ask: q, choices: [a, b], answer: { report: reads.stale > 0, then: a, else: z }, explain: e }'), path: 'quiz[0].answer.else', line: 12, message: /`z` is not one of the choices/ },
  { rule: 'a true/false fact needs then/else', yaml: quiz('{ at: 1s, ask: q, choices: [a, b], answer: { report: reads.stale > 0 }, explain: e }'), path: 'quiz[0].answer', line: 12, message: /needs `then` and `else`/ },
  { rule: 'then/else need a true/false fact', yaml: quiz('{ at: 1s, ask: q, choices: [a, b], answer: { report: reads.stale, then: a, else: b }, explain: e }'), path: 'quiz[0].answer', line: 12, message: /pick a choice from a true\/false fact/ },
  { rule: 'a number question takes a number', yaml: quiz('{ at: 1s, ask: q, number: true, answer: many, explain: e }'), path: 'quiz[0].answer', line: 12, message: /needs a number answer/ },
  { rule: 'a report path is checked against the report', yaml: quiz('{ at: 1s, ask: q, number: true, answer: { report: writes.lostAcknowleged }, explain: e }'), path: 'quiz[0].answer.report', line: 12, message: /did you mean `lostAcknowledged`/ },
  { rule: 'a trace query is checked', yaml: quiz('{ at: 1s, ask: q, number: true, answer: { trace: "count(write.lots)" }, explain: e }'), path: 'quiz[0].answer.trace', line: 12, message: /unknown trace record type `write.lots`/ },
  { rule: 'a fact is a report path or a trace query, not both', yaml: quiz('{ at: 1s, ask: q, number: true, answer: { report: reads.stale, trace: "count(rollback)" }, explain: e }'), path: 'quiz[0].answer', line: 12, message: /exactly one of `report`/ },
  { rule: 'check goes with a literal answer only', yaml: quiz('{ at: 1s, ask: q, number: true, answer: { report: reads.stale }, check: { report: reads.stale > 0 }, explain: e }'), path: 'quiz[0].check', line: 12, message: /goes with a literal answer/ },
  { rule: 'number.within is a number or a percentage', yaml: quiz('{ at: 1s, ask: q, number: { within: lots }, answer: 1, explain: e }'), path: 'quiz[0].number.within', line: 12, message: /percentage/ },
];

describe('lesson fields: refused with path and line', () => {
  for (const c of cases) {
    it(c.rule, () => {
      const issues = issuesOf(LESSON_BASE + c.yaml);
      const hit = issues.find((i) => i.path === c.path);
      expect(hit, `issues were:\n${issues.map((i) => `${i.path}@${i.line}: ${i.message}`).join('\n')}`).toBeDefined();
      expect(hit!.message).toMatch(c.message);
      expect(hit!.line).toBe(c.line);
    });
  }

  it('`shunned` needs a bounded-staleness group', () => {
    const issues = issuesOf(`${BASE}markers: ["shunned:r1"]\n`);
    expect(issues.map((i) => [i.path, i.line])).toEqual([['markers[0]', 5]]);
    expect(issues[0].message).toMatch(/bounded-staleness/);
  });
});
