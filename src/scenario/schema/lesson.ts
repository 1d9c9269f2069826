import { z } from 'zod';
import { parseAnchor } from '../../metrics/anchors.ts';
import { checkReportPath, parseExpectation } from '../../metrics/expect.ts';
import { parseTraceQuery } from '../../metrics/trace-query.ts';
import { durationSchema, strict } from './primitives.ts';

/*
 * The lesson fields of a scenario: a description, playback pacing, captions and questions
 * anchored to a time or an event of the run, and the lesson's key moments (markers).
 * Cross-checks that need the rest of the document (node and group names in anchors, answers
 * among the choices) are in ../lesson.ts.
 */

/** HTML is never rendered; a tag in a description is almost surely a mistake, so it is refused. */
const HTML_TAG = /<\/?[A-Za-z!][^>]*>/;

export const descriptionSchema = z
  .string()
  .refine((s) => !HTML_TAG.test(s), {
    error: 'a description is plain text with a little markdown (paragraphs, `- ` lists, **bold**, *emphasis*, `code`); HTML tags are not allowed',
  })
  .meta({ description: 'What the lesson shows, what to watch, the question it answers: plain text with a markdown subset (blank-line paragraphs, `- ` lists, **bold**, *emphasis*, `code`); never HTML.' });

export const playbackSchema = strict({
  speed: z.number().min(0.01).max(1000).meta({ description: 'Simulated seconds per wall-clock second (0.01–1000).' }),
  /** Default false. */
  autoplay: z.boolean().default(false).meta({ description: 'Start playing as soon as the lesson opens.' }),
}).meta({ description: 'How the visualizer plays the lesson.' });

/** An event anchor such as `first-stale-read` or `lag-peak:replica-eu` (the closed list is in metrics/anchors.ts). */
export const anchorSchema = z
  .string()
  .superRefine((text, ctx) => {
    try {
      parseAnchor(text);
    } catch (e) {
      ctx.addIssue({ code: 'custom', message: (e as Error).message });
    }
  })
  .meta({ id: 'anchor', title: 'Event', description: 'An event of the run, e.g. first-stale-read, failover.completed, lag-peak:replica-1 (see the README for the list).' });

const atSchema = durationSchema.optional().meta({ description: 'At this simulated time.' });
const onSchema = anchorSchema.optional().meta({ description: 'When this event first happens (instead of `at`).' });

function oneTime(v: { at?: unknown; on?: unknown }, ctx: z.RefinementCtx): void {
  if ((v.at === undefined) === (v.on === undefined)) ctx.addIssue({ code: 'custom', path: [], message: 'give exactly one of `at` (a time) or `on` (an event)' });
}

export const lessonNarrationSchema = strict({
  at: atSchema,
  on: onSchema,
  text: z.string().min(1).meta({ description: 'The caption.' }),
})
  .superRefine(oneTime)
  .meta({ description: 'A caption shown from `at` (or from the event `on`) on; playback pauses there.' });

function checkReportFact(text: string, ctx: z.RefinementCtx): void {
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

function checkFact(v: { report?: string; trace?: string }, ctx: z.RefinementCtx): void {
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

const reportSchema = z.string().min(1).optional().meta({ description: 'A report path (writes.lostAcknowledged) or comparison (writes.lostAcknowledged > 0).' });
const traceSchema = z.string().min(1).optional().meta({ description: 'A trace query: count(write.lost), count(read.done, stale=true) > 0, max(entry.apply.delayUs, node=replica-1), first(failover.to, step=promoted), …' });

export const factSchema = strict({ report: reportSchema, trace: traceSchema }).superRefine(checkFact).meta({ description: 'A fact of the run.' });

export const computedAnswerSchema = strict({
  report: reportSchema,
  trace: traceSchema,
  then: z.string().min(1).optional().meta({ description: 'The choice when the fact is true.' }),
  else: z.string().min(1).optional().meta({ description: 'The choice when the fact is false.' }),
}).superRefine(checkFact);

const PERCENT = /^\d+(\.\d+)?%$/;

export const quizSchema = strict({
  at: atSchema,
  on: onSchema,
  ask: z.string().min(1).meta({ description: 'The question, asked before the learner sees the answer.' }),
  choices: z.array(z.string().min(1)).min(2).optional().meta({ description: 'The possible answers (multiple choice).' }),
  number: z
    .union([z.literal(true), strict({ within: z.union([z.number().nonnegative(), z.string().regex(PERCENT, { error: 'expected a number or a percentage such as 10%' })]).meta({ description: 'A guess this close counts as right: a number, or a percentage of the answer (20%).' }) })])
    .optional()
    .meta({ description: 'A number answer; `within` (absolute, or a percentage of the answer) accepts close guesses.' }),
  answer: z
    .union([z.string().min(1), z.number(), computedAnswerSchema])
    .meta({ description: 'A literal, or taken from the run: {report: PATH} or {trace: QUERY}; a true/false fact picks `then` or `else`.' }),
  check: factSchema.optional().meta({ description: 'For a literal answer: a fact of the run that must agree with it (true, or equal to the answer).' }),
  explain: z.string().min(1).meta({ description: 'Shown after the learner answers.' }),
})
  .superRefine((q, ctx) => {
    oneTime(q, ctx);
    if ((q.choices === undefined) === (q.number === undefined)) ctx.addIssue({ code: 'custom', path: [], message: 'give exactly one of `choices` (multiple choice) or `number: true` (a number answer)' });
  })
  .meta({ description: 'A question that stops playback until the learner answers.' });

export const markerSchema = z
  .union([anchorSchema, strict({ on: anchorSchema, label: z.string().min(1).optional().meta({ description: "Shown instead of the event's own name." }) })])
  .meta({ description: 'A key moment of the lesson: an event, or {on: event, label}.' });
