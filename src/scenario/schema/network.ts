import { z } from 'zod';
import { distSchema } from './distribution.ts';
import { nodeIdSchema, strict } from './primitives.ts';

/** `between: [a, b]` sets both directions; `from`/`to` sets one. */
const linkSchema = strict({
  between: z.tuple([nodeIdSchema, nodeIdSchema]).optional().meta({ description: 'Both directions between two nodes.' }),
  from: nodeIdSchema.optional(),
  to: nodeIdSchema.optional(),
  latency: distSchema.meta({ description: 'One-way latency on this link.' }),
})
  .superRefine((l, ctx) => {
    const directed = l.from !== undefined || l.to !== undefined;
    if (l.between !== undefined && directed)
      ctx.addIssue({ code: 'custom', path: [], message: 'give either `between` or `from` and `to`, not both' });
    else if (l.between === undefined && !directed)
      ctx.addIssue({ code: 'custom', path: [], message: 'a link needs `between: [a, b]` or `from` and `to`' });
    else if (directed && (l.from === undefined || l.to === undefined))
      ctx.addIssue({ code: 'custom', path: [], message: `missing \`${l.from === undefined ? 'from' : 'to'}\`` });
  })
  .meta({ description: 'A latency override for the link between two nodes.' });

export const networkSchema = strict({
  /** Default 0.5ms. */
  latency: distSchema.default('0.5ms').meta({ description: 'Node-to-node one-way latency unless a link overrides it.' }),
  /** Default 0.5ms. */
  clientLatency: distSchema.default('0.5ms').meta({ description: 'Client-to-node and node-to-client one-way latency.' }),
  /** Default []. */
  links: z.array(linkSchema).default([]),
}).meta({ description: 'Network latency between nodes and to clients.' });
