import { z } from 'zod/mini';
import { distSchema } from './distribution.ts';
import { nodeIdSchema, strict, withMeta } from './primitives.ts';

const nodeSchema = strict({
  id: nodeIdSchema,
  role: withMeta(z.enum(['primary', 'replica']), { description: 'Exactly one node starts as primary.' }),
  /** Default: replication.applyTime. */
  applyTime: withMeta(z.optional(distSchema), { description: 'Per-entry apply time on this node (default: replication.applyTime).' }),
  /** Default 1: a single-threaded applier. */
  applyWorkers: withMeta(z._default(z.int().check(z.minimum(1), z.maximum(1024)), 1), {
    description: 'Parallel apply workers (MySQL replica_parallel_workers); they keep commit order and start an entry only when replication.parallelism allows.',
  }),
  /** Default 0. */
  priority: withMeta(z._default(z.number(), 0), { description: 'Failover preference: higher wins among equally up-to-date replicas.' }),
});

/** At least one node; exactly one primary; unique ids. */
export const nodesSchema = withMeta(
  z.array(nodeSchema).check(
    z.minLength(1, { error: 'a scenario needs at least one node' }),
    // Every pair of endpoints has a link in each direction: nodes² of them.
    z.maxLength(200, { error: 'at most 200 nodes' }),
    z.superRefine((nodes, ctx) => {
      const seen = new Map<string, number>();
      nodes.forEach((n, i) => {
        if (typeof n?.id !== 'string') return;
        const first = seen.get(n.id);
        if (first !== undefined)
          ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `duplicate node id \`${n.id}\` (also nodes[${first}])` });
        else seen.set(n.id, i);
      });
      const primaries = nodes.filter((n) => n?.role === 'primary').length;
      if (primaries === 0) ctx.addIssue({ code: 'custom', path: [], message: 'exactly one node must have role: primary; there is none' });
      if (primaries > 1) {
        const second = nodes.findIndex((n, i) => n?.role === 'primary' && nodes.findIndex((m) => m?.role === 'primary') !== i);
        ctx.addIssue({ code: 'custom', path: [second, 'role'], message: `exactly one node must have role: primary; there are ${primaries}` });
      }
    }),
  ),
  { description: 'The database nodes.' },
);
