export * from './types.ts';
export { buildTimeline, CHECKPOINT_EVERY } from './timeline.ts';
export {
  frameAt, recordsUpTo, coreAfter, inFlightAt, messagesInWindow, nextEventUs, prevEventUs,
  recentReads, servedReads, narrationAt, cutLinksAt, commitTimeOf,
} from './derive.ts';
export { buildSeries, latencyHistogram } from './series.ts';
export type { Series, HistogramBin } from './series.ts';
export { summaryAt, stat } from './summary.ts';
export type { SummaryAt, Stat } from './summary.ts';
