export * from './types.ts';
export { buildTimeline, CHECKPOINT_EVERY, msgIndexById } from './timeline.ts';
export {
  frameAt, recordsUpTo, coreAfter, msgAt, readAt, allRecords, allMsgs, inFlightAt, messagesInWindow, nextEventUs, prevEventUs,
  recentReads, narrationAt, cutLinksAt, linkCut, commitTimeOf,
} from './derive.ts';
export { buildSeries, latencyHistogram } from './series.ts';
export type { Series, HistogramBin } from './series.ts';
