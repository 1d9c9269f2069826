import type { WorldConfig } from '../../model/config.ts';
import { estimateWork } from '../../scenario/work-estimate.ts';

/**
 * The page's work budget. It is lower than the CLI's (50 million events, 1 GB) because the
 * page keeps the whole trace for replay: a run of about 2.6 million events already took a
 * 650 MB heap, and 13 million ("10 replicas × 10 minutes at 500 writes/s") could not be
 * handed to the page at all. The largest built-in scenario is about 250 thousand events.
 */
export const PAGE_EVENT_BUDGET = 3_000_000;
export const PAGE_MEMORY_BUDGET_BYTES = 256 * 1024 * 1024;

/** Why the worker did not start a run, and the shorter run it suggests instead. */
export interface RunTooLarge {
  type: 'too-large';
  runId: number;
  fileName: string;
  /** The scenario as given, so the page can shorten it as an edit. */
  document: unknown;
  durationUs: number;
  events: number;
  memoryBytes: number;
  /** One sentence per budget exceeded, each naming the fields that drive it. */
  reasons: string[];
  /** A whole number of seconds that fits the budget, or null when shortening would not help. */
  shorterDurationS: number | null;
}

export type BudgetVerdict = Omit<RunTooLarge, 'type' | 'runId' | 'fileName' | 'document'>;

const compact = new Intl.NumberFormat('en', { notation: 'compact', maximumSignificantDigits: 3 });
const mb = (bytes: number) => `${compact.format(bytes / (1024 * 1024))} MB`;

/** null when the page may run the scenario; otherwise what is over and a shorter duration. */
export function checkPageBudget(config: WorldConfig): BudgetVerdict | null {
  const est = estimateWork(config);
  const reasons: string[] = [];
  if (est.events > PAGE_EVENT_BUDGET)
    reasons.push(`about ${compact.format(est.events)} events, over the page's ${compact.format(PAGE_EVENT_BUDGET)}; mostly ${est.eventDrivers.join('; ')}.`);
  if (est.memoryBytes > PAGE_MEMORY_BUDGET_BYTES)
    reasons.push(`about ${mb(est.memoryBytes)} of state, over the page's ${mb(PAGE_MEMORY_BUDGET_BYTES)}; mostly ${est.memoryDrivers.join('; ')}.`);
  if (reasons.length === 0) return null;
  return { durationUs: config.durationUs, events: est.events, memoryBytes: est.memoryBytes, reasons, shorterDurationS: shorterDuration(config, est.events) };
}

/**
 * The longest "round" duration (1, 2 or 5 × 10^k seconds) within budget. Events grow about
 * linearly with duration, so that ratio gives the first guess; the estimate itself decides.
 * Memory driven by keys or sessions does not shrink with the run, so then there is none.
 */
function shorterDuration(config: WorldConfig, events: number): number | null {
  const guessS = (config.durationUs / 1e6) * Math.min(1, PAGE_EVENT_BUDGET / events);
  for (let s = roundDown(guessS); s >= 1; s = roundDown(s * 0.99)) {
    if (s * 1e6 >= config.durationUs) continue;
    const est = estimateWork({ ...config, durationUs: s * 1e6 });
    if (est.events <= PAGE_EVENT_BUDGET && est.memoryBytes <= PAGE_MEMORY_BUDGET_BYTES) return s;
    if (est.memoryBytes > PAGE_MEMORY_BUDGET_BYTES && estimateWork({ ...config, durationUs: 1e6 }).memoryBytes > PAGE_MEMORY_BUDGET_BYTES) return null;
  }
  return null;
}

/** The largest of 1, 2, 5 × 10^k not above x (0 below 1). */
export function roundDown(x: number): number {
  if (!(x >= 1)) return 0;
  const p = 10 ** Math.floor(Math.log10(x));
  const m = x / p;
  return (m >= 5 ? 5 : m >= 2 ? 2 : 1) * p;
}
