import { z } from 'zod/mini';
import { distSchema } from './distribution.ts';
import { nodeIdSchema, strict, withMeta } from './primitives.ts';

/** `between: [a, b]` sets both directions; `from`/`to` sets one. */
const linkSchema = withMeta(
  strict({
    between: withMeta(z.optional(z.tuple([nodeIdSchema, nodeIdSchema])), { description: 'Both directions between two nodes.' }),
    from: z.optional(nodeIdSchema),
    to: z.optional(nodeIdSchema),
    latency: withMeta(distSchema, { description: 'One-way latency on this link.' }),
  }).check(z.superRefine((l, ctx) => {
    const directed = l.from !== undefined || l.to !== undefined;
    if (l.between !== undefined && directed)
      ctx.addIssue({ code: 'custom', path: [], message: 'give either `between` or `from` and `to`, not both' });
    else if (l.between === undefined && !directed)
      ctx.addIssue({ code: 'custom', path: [], message: 'a link needs `between: [a, b]` or `from` and `to`' });
    else if (directed && (l.from === undefined || l.to === undefined))
      ctx.addIssue({ code: 'custom', path: [], message: `missing \`${l.from === undefined ? 'from' : 'to'}\`` });
  })),
  { description: 'A latency override for the link between two nodes.' },
);

export const networkSchema = withMeta(
  strict({
    /** Default 0.5ms. */
    latency: withMeta(z._default(distSchema, '0.5ms'), { description: 'Node-to-node one-way latency unless a link overrides it.' }),
    /** Default 0.5ms. */
    clientLatency: withMeta(z._default(distSchema, '0.5ms'), { description: 'Client-to-node and node-to-client one-way latency.' }),
    /** Default []. */
    links: z._default(z.array(linkSchema), []),
  }),
  { description: 'Network latency between nodes and to clients.' },
);
