import { z } from 'zod/mini';
import { distSchema } from './distribution.ts';
import { bandwidthSchema, durationSchema, nodeIdSchema, strict, withMeta } from './primitives.ts';

/** `between: [a, b]` sets both directions; `from`/`to` sets one. */
const linkSchema = withMeta(
  strict({
    between: withMeta(z.optional(z.tuple([nodeIdSchema, nodeIdSchema])), { description: 'Both directions between two nodes.' }),
    from: z.optional(nodeIdSchema),
    to: z.optional(nodeIdSchema),
    latency: withMeta(z.optional(distSchema), { description: "One-way latency on this link (default: network.latency)." }),
    bandwidth: withMeta(z.optional(bandwidthSchema), { description: "This link's bandwidth, each direction (default: network.bandwidth)." }),
  }).check(z.superRefine((l, ctx) => {
    if (l.latency === undefined && l.bandwidth === undefined) ctx.addIssue({ code: 'custom', path: [], message: 'a link needs `latency` or `bandwidth`' });
    const directed = l.from !== undefined || l.to !== undefined;
    if (l.between !== undefined && directed)
      ctx.addIssue({ code: 'custom', path: [], message: 'give either `between` or `from` and `to`, not both' });
    else if (l.between === undefined && !directed)
      ctx.addIssue({ code: 'custom', path: [], message: 'a link needs `between: [a, b]` or `from` and `to`' });
    else if (directed && (l.from === undefined || l.to === undefined))
      ctx.addIssue({ code: 'custom', path: [], message: `missing \`${l.from === undefined ? 'from' : 'to'}\`` });
  })),
  { description: 'A latency or bandwidth override for the link between two nodes.' },
);

export const networkSchema = withMeta(
  strict({
    /** Default 0.5ms. */
    latency: withMeta(z._default(distSchema, '0.5ms'), { description: 'Node-to-node one-way latency unless a link overrides it.' }),
    /** Default 0.5ms. */
    clientLatency: withMeta(z._default(distSchema, '0.5ms'), { description: 'Client-to-node and node-to-client one-way latency.' }),
    /** Default unlimited: no serialization time, no send queue. */
    bandwidth: withMeta(z._default(bandwidthSchema, 'unlimited'), {
      description: 'Node-to-node bandwidth, each direction of each link: messages are serialized at this rate from a FIFO send queue (default unlimited; client links are always unlimited).',
    }),
    /** Default 200ms (Linux TCP_RTO_MIN). */
    rtoMin: withMeta(z._default(durationSchema, '200ms'), {
      description: "TCP's minimum retransmission timeout: a message lost on a lossy link is resent after round trip + rtoMin, doubling per further loss (Linux TCP_RTO_MIN, 200ms).",
    }),
    /** Default []. */
    links: z._default(z.array(linkSchema), []),
  }),
  { description: 'Network latency and bandwidth between nodes and to clients.' },
);
