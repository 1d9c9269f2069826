import { z } from 'zod/mini';
import { parseAnchor } from '../../metrics/anchors.ts';
import { checkReportPath, parseExpectation } from '../../metrics/expect.ts';
import { parseTraceQuery } from '../../metrics/trace-query.ts';
import { durationSchema, strict, withMeta } from './primitives.ts';

/*
 * The lesson fields of a scenario: a description, playback pacing, captions and questions
 * anchored to a time or an event of the run, and the lesson's key moments (markers).
 * Cross-checks that need the rest of the document (node and group names in anchors, answers
 * among the choices) are in ../lesson.ts.
 */

/** HTML is never rendered; a tag in a description is almost surely a mistake, so it is refused. */
const HTML_TAG = /<\/?[A-Za-z!][^>]*>/;

export const descriptionSchema = withMeta(
  z.string().check(
    z.refine((s) => !HTML_TAG.test(s), {
      error: 'a description is plain text with a little markdown (paragraphs, `- ` lists, **bold**, *emphasis*, `code`); HTML tags are not allowed',
    }),
  ),
  { description: 'What the lesson shows, what to watch, the question it answers: plain text with a markdown subset (blank-line paragraphs, `- ` lists, **bold**, *emphasis*, `code`); never HTML.' },
);

export const playbackSchema = withMeta(
  strict({
    speed: withMeta(z.number().check(z.minimum(0.01), z.maximum(1000)), { description: 'Simulated seconds per wall-clock second (0.01–1000).' }),
    /** Default false. */
    autoplay: withMeta(z._default(z.boolean(), false), { description: 'Start playing as soon as the lesson opens.' }),
  }),
  { description: 'How the visualizer plays the lesson.' },
);

/** An event anchor such as `first-stale-read` or `lag-peak:replica-eu` (the closed list is in metrics/anchors.ts). */
export const anchorSchema = withMeta(
  z.string().check(
    z.superRefine((text, ctx) => {
      try {
        parseAnchor(text);
      } catch (e) {
        ctx.addIssue({ code: 'custom', message: (e as Error).message });
      }
    }),
  ),
  { id: 'anchor', title: 'Event', description: 'An event of the run, e.g. first-stale-read, failover.completed, lag-peak:replica-1 (see the README for the list).' },
);

const atSchema = withMeta(z.optional(durationSchema), { description: 'At this simulated time.' });
const onSchema = withMeta(z.optional(anchorSchema), { description: 'When this event first happens (instead of `at`).' });

type RefinementCtx = z.core.$RefinementCtx;

function oneTime(v: { at?: unknown; on?: unknown }, ctx: RefinementCtx): void {
  if ((v.at === undefined) === (v.on === undefined)) ctx.addIssue({ code: 'custom', path: [], message: 'give exactly one of `at` (a time) or `on` (an event)' });
}

export const lessonNarrationSchema = withMeta(
  strict({
    at: atSchema,
    on: onSchema,
    text: withMeta(nonEmpty(), { description: 'The caption.' }),
  }).check(z.superRefine(oneTime)),
  { description: 'A caption shown from `at` (or from the event `on`) on; playback pauses there.' },
);

function checkReportFact(text: string, ctx: RefinementCtx): void {
  try {
    if (/[<>=!]/.test(text)) {
      for (const c of parseExpectation(text).comparisons) {
        const problem = checkReportPath(c.segments);
        if (problem) ctx.addIssue({ code: 'custom', path: ['report'], message: problem });
      }
    } else {
      const problem = checkReportPath(text.trim().split('.'));
      if (problem) ctx.addIssue({ code: 'custom', path: ['report'], message: problem });
    }
  } catch (e) {
    ctx.addIssue({ code: 'custom', path: ['report'], message: (e as Error).message });
  }
}

function checkFact(v: { report?: string; trace?: string }, ctx: RefinementCtx): void {
  if ((v.report === undefined) === (v.trace === undefined)) {
    ctx.addIssue({ code: 'custom', path: [], message: 'give exactly one of `report` (a report path such as writes.lostAcknowledged) or `trace` (a query such as count(write.lost))' });
    return;
  }
  if (v.report !== undefined) checkReportFact(v.report, ctx);
  if (v.trace !== undefined) {
    try {
      parseTraceQuery(v.trace);
    } catch (e) {
      ctx.addIssue({ code: 'custom', path: ['trace'], message: (e as Error).message });
    }
  }
}

const reportSchema = withMeta(z.optional(nonEmpty()), { description: 'A report path (writes.lostAcknowledged) or comparison (writes.lostAcknowledged > 0).' });
const traceSchema = withMeta(z.optional(nonEmpty()), { description: 'A trace query: count(write.lost), count(read.done, stale=true) > 0, max(entry.apply.delayUs, node=replica-1), first(failover.to, step=promoted), …' });

export const factSchema = withMeta(strict({ report: reportSchema, trace: traceSchema }).check(z.superRefine(checkFact)), { description: 'A fact of the run.' });

export const computedAnswerSchema = strict({
  report: reportSchema,
  trace: traceSchema,
  then: withMeta(z.optional(nonEmpty()), { description: 'The choice when the fact is true.' }),
  else: withMeta(z.optional(nonEmpty()), { description: 'The choice when the fact is false.' }),
}).check(z.superRefine(checkFact));

const PERCENT = /^\d+(\.\d+)?%$/;

const withinSchema = withMeta(
  z.union([z.number().check(z.nonnegative()), z.string().check(z.regex(PERCENT, { error: 'expected a number or a percentage such as 10%' }))]),
  { description: 'A guess this close counts as right: a number, or a percentage of the answer (20%).' },
);

export const quizSchema = withMeta(
  strict({
    at: atSchema,
    on: onSchema,
    ask: withMeta(nonEmpty(), { description: 'The question, asked before the learner sees the answer.' }),
    choices: withMeta(z.optional(z.array(nonEmpty()).check(z.minLength(2))), { description: 'The possible answers (multiple choice).' }),
    number: withMeta(z.optional(z.union([z.literal(true), strict({ within: withinSchema })])), {
      description: 'A number answer; `within` (absolute, or a percentage of the answer) accepts close guesses.',
    }),
    answer: withMeta(z.union([nonEmpty(), z.number(), computedAnswerSchema]), {
      description: 'A literal, or taken from the run: {report: PATH} or {trace: QUERY}; a true/false fact picks `then` or `else`.',
    }),
    check: withMeta(z.optional(factSchema), { description: 'For a literal answer: a fact of the run that must agree with it (true, or equal to the answer).' }),
    explain: withMeta(nonEmpty(), { description: 'Shown after the learner answers.' }),
  }).check(
    z.superRefine((q, ctx) => {
      oneTime(q, ctx);
      if ((q.choices === undefined) === (q.number === undefined)) ctx.addIssue({ code: 'custom', path: [], message: 'give exactly one of `choices` (multiple choice) or `number: true` (a number answer)' });
    }),
  ),
  { description: 'A question that stops playback until the learner answers.' },
);

export const markerSchema = withMeta(
  z.union([anchorSchema, strict({ on: anchorSchema, label: withMeta(z.optional(nonEmpty()), { description: "Shown instead of the event's own name." }) })]),
  { description: 'A key moment of the lesson: an event, or {on: event, label}.' },
);

/** A string with at least one character (classic zod's `.min(1)`). */
function nonEmpty() {
  return z.string().check(z.minLength(1));
}
