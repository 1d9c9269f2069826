import { configFrom } from '../model/helpers.ts';

/**
 * Split brain under semi-sync, for phantom reads: at 5 s the primary p is cut off from its
 * replica r and from the failover manager, but not from its clients. The manager promotes r;
 * the clients keep writing to, and reading from, p (one key, so every read after the cut of a
 * post-cut write returns a write r lacks).
 */
export function phantomSplitBrain(waitPoint: 'after-commit' | 'after-sync', duration: string) {
  return configFrom(`
name: phantom-${waitPoint}
seed: 5
duration: ${duration}
nodes: [{ id: p, role: primary }, { id: r, role: replica }]
replication: { mode: semi-sync, waitPoint: ${waitPoint}, timeout: 60s }
network: { latency: 1ms, clientLatency: 0.5ms }
workload:
  - { name: w, writes: { rate: 20/s, keys: 1 } }
  - { name: reader, reads: { rate: 50/s, keys: 1 } }
routing: { reads: primary }
faults: [{ at: 5s, partition: [[p, w, reader], [r, manager]] }]
`);
}
