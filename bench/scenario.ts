// The benchmark's workload, shared by the throughput benchmark (replication.bench.ts) and the
// instruction counter (instructions.mjs): 1 primary + 9 async replicas under Poisson writes
// and reads over 100,000 keys, lognormal network latency, exponential apply.
import { formatCount } from '../src/cli/format-number.ts';
import type { ScenarioInput } from '../src/scenario/index.ts';

export const WRITES_PER_SEC = 2000;
export const READS_PER_SEC = 200;
export const REPLICAS = 9;
/** Poisson arrivals fall short of rate × time about half the time; 4% more is > 10 σ. */
const DURATION_MARGIN = 1.04;

/** A run long enough for at least `writes` acknowledged writes. */
export function benchScenario(writes: number): ScenarioInput {
  const durationS = Math.ceil((writes * DURATION_MARGIN) / WRITES_PER_SEC);
  return {
    name: `bench: ${REPLICAS} async replicas, ${formatCount(writes)} writes`,
    seed: 1,
    duration: `${durationS}s`,
    nodes: [
      { id: 'primary', role: 'primary' },
      ...Array.from({ length: REPLICAS }, (_, i) => ({ id: `replica-${i + 1}`, role: 'replica' as const })),
    ],
    replication: { mode: 'async', commitTime: '0.1ms', applyTime: { dist: 'exponential', mean: '0.2ms' } },
    network: { latency: { dist: 'lognormal', median: '1ms', p99: '5ms' }, clientLatency: '0.5ms' },
    workload: [
      { name: 'writers', sessions: 100, writes: { rate: `${WRITES_PER_SEC}/s`, keys: 100_000 } },
      { name: 'readers', sessions: 20, reads: { rate: `${READS_PER_SEC}/s`, keys: 100_000 } },
    ],
    routing: { reads: 'round-robin' },
  };
}
