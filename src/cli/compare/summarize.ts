// The paired comparison lives in src/metrics, shared with the page's side-by-side Summary.
export * from '../../metrics/compare-runs.ts';
