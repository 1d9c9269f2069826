import { parseScenario } from '../../src/scenario/index.ts';
import { runWorld } from '../../src/metrics/simulate.ts';
import type { WorldConfig } from '../../src/model/config.ts';
import type { TraceRecord } from '../../src/model/trace.ts';

/** Resolves a scenario written inline as YAML, exactly as a file would be. */
export function configFrom(yaml: string): WorldConfig {
  return parseScenario(yaml, 'inline.yaml').config;
}

/** Runs a config and keeps the whole trace. */
export function runTraced(config: WorldConfig) {
  const trace: TraceRecord[] = [];
  const result = runWorld(config, { trace: (r) => trace.push(r) });
  return { ...result, trace };
}

/**
 * Standard error of the mean of a correlated series by the method of batch means: split it
 * into `batches` consecutive batches, whose means are nearly independent when each batch is
 * much longer than the correlation time.
 */
export function batchMeans(values: number[], batches = 40): { mean: number; stderr: number } {
  const size = Math.floor(values.length / batches);
  const means: number[] = [];
  for (let b = 0; b < batches; b++) {
    let sum = 0;
    for (let i = b * size; i < (b + 1) * size; i++) sum += values[i];
    means.push(sum / size);
  }
  const mean = means.reduce((a, b) => a + b, 0) / batches;
  const variance = means.reduce((a, m) => a + (m - mean) ** 2, 0) / (batches - 1);
  return { mean, stderr: Math.sqrt(variance / batches) };
}
