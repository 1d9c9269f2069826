export * from './types.ts';
export { buildTimeline, CHECKPOINT_EVERY } from './timeline.ts';
export {
  frameAt, recordsUpTo, coreAfter, inFlightAt, messagesInWindow, nextEventUs, prevEventUs,
  recentReads, narrationAt, cutLinksAt, linkCut, commitTimeOf,
} from './derive.ts';
export { buildSeries, latencyHistogram } from './series.ts';
export type { Series, HistogramBin } from './series.ts';
