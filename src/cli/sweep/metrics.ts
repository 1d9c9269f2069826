// The report's metrics by path live in src/metrics, shared with the page's compare and sweep views.
export * from '../../metrics/named-metrics.ts';
