// Per-point summaries live in src/scenario/vary, shared with the page's sweep panel.
export { summarize, type PointSummary } from '../../scenario/vary/points.ts';
