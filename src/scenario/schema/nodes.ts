import { z } from 'zod';
import { distSchema } from './distribution.ts';
import { nodeIdSchema, strict } from './primitives.ts';

const nodeSchema = strict({
  id: nodeIdSchema,
  role: z.enum(['primary', 'replica']).meta({ description: 'Exactly one node starts as primary.' }),
  /** Default: replication.applyTime. */
  applyTime: distSchema.optional().meta({ description: 'Per-entry apply time on this node (default: replication.applyTime).' }),
  /** Default 1: a single-threaded applier. */
  applyWorkers: z.int().min(1).default(1).meta({ description: 'Parallel apply workers that keep commit order.' }),
  /** Default 0. */
  priority: z.number().default(0).meta({ description: 'Failover preference: higher wins among equally up-to-date replicas.' }),
});

/** At least one node; exactly one primary; unique ids. */
export const nodesSchema = z
  .array(nodeSchema)
  .min(1, { error: 'a scenario needs at least one node' })
  .superRefine((nodes, ctx) => {
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
  })
  .meta({ description: 'The database nodes.' });
