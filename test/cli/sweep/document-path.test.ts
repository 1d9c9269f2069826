import { describe, expect, it } from 'vitest';
import { BadInputError } from '../../../src/cli/exit-codes.ts';
import { withValueAt } from '../../../src/cli/sweep/document-path.ts';

const doc = {
  replication: { mode: 'async' },
  nodes: [{ id: 'primary' }, { id: 'replica-1' }],
  network: { latency: '1ms', links: [{ between: ['primary', 'replica-1'], latency: '10ms' }] },
};

describe('withValueAt', () => {
  it('replaces a field and leaves the original document alone', () => {
    const out = withValueAt(doc, 'network.links.0.latency', '50ms') as typeof doc;
    expect(out.network.links[0].latency).toBe('50ms');
    expect(doc.network.links[0].latency).toBe('10ms');
  });

  it('creates a field the scenario leaves to its default, and missing mappings on the way', () => {
    expect((withValueAt(doc, 'nodes.1.applyTime', '2ms') as { nodes: object[] }).nodes[1]).toEqual({ id: 'replica-1', applyTime: '2ms' });
    expect((withValueAt(doc, 'failover.heartbeat', '1s') as { failover: object }).failover).toEqual({ heartbeat: '1s' });
  });

  it.each([
    ['nodes.5.applyTime', 'nodes is a list of 2 entries'],
    ['nodes.x.applyTime', "'x' must be an index"],
    ['network.latency.median', 'network.latency is a single value ("1ms")'],
    ['faults.0.at', 'faults is not in the scenario'],
  ])('refuses %s as an unknown path', (path, problem) => {
    expect(() => withValueAt(doc, path, 1)).toThrow(BadInputError);
    expect(() => withValueAt(doc, path, 1)).toThrow(problem);
    expect(() => withValueAt(doc, path, 1)).toThrow(`--vary ${path}: unknown path`);
  });
});
