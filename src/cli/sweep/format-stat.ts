// Number formatting lives in src/metrics, so the page's sweep panel writes the CLI's figures.
export * from '../../metrics/format-stat.ts';
