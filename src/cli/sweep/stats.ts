// The sweep's statistics live in src/metrics, shared with the page's sweep panel.
export * from '../../metrics/stats.ts';
