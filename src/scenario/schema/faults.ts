import { z } from 'zod/mini';
import { distSchema } from './distribution.ts';
import { durationSchema, nodeIdSchema, probabilitySchema, strict, withMeta } from './primitives.ts';
import { tryDuration } from '../units.ts';

/** The keys of which a fault names exactly one. */
export const FAULT_ACTIONS = [
  'crash',
  'recover',
  'partition',
  'heal',
  'degrade',
  'stallApply',
  'slowPrimary',
  'promote',
  'switchover',
] as const;

/** How long a stallApply without `until` or `for` lasts (build-config.ts applies it). */
export const STALL_APPLY_DEFAULT_FOR = '10s';

/** Actions that last for a while and so accept `until` / `for`. */
const TIMED = new Set(['partition', 'degrade', 'stallApply', 'slowPrimary']);

const degradeSchema = strict({
  between: z.optional(z.tuple([nodeIdSchema, nodeIdSchema])),
  from: z.optional(nodeIdSchema),
  to: z.optional(nodeIdSchema),
  extraDelay: withMeta(z.optional(distSchema), { description: 'Delay added to every message.' }),
  latencyFactor: withMeta(z.optional(z.number().check(z.positive())), { description: 'Multiplies the latency.' }),
  loss: withMeta(z.optional(probabilitySchema), {
    description: 'Chance each transmission of a message is lost (0..1); like TCP, it is resent after the retransmission timeout (see network.rtoMin) and what follows waits for it.',
  }),
}).check(z.superRefine((d, ctx) => {
  const directed = d.from !== undefined || d.to !== undefined;
  if (d.between !== undefined && directed) ctx.addIssue({ code: 'custom', path: [], message: 'give either `between` or `from` and `to`, not both' });
  else if (d.between === undefined && !directed) ctx.addIssue({ code: 'custom', path: [], message: 'degrade needs `between: [a, b]` or `from` and `to`' });
  else if (directed && (d.from === undefined || d.to === undefined))
    ctx.addIssue({ code: 'custom', path: [], message: `missing \`${d.from === undefined ? 'from' : 'to'}\`` });
  if (d.extraDelay === undefined && d.latencyFactor === undefined && d.loss === undefined)
    ctx.addIssue({ code: 'custom', path: [], message: 'degrade needs at least one of extraDelay, latencyFactor, loss' });
}));

export const faultSchema = withMeta(
  strict({
    at: withMeta(durationSchema, { description: 'When the fault happens.' }),
    until: withMeta(z.optional(durationSchema), {
      description: `When it ends (partition, degrade, stallApply, slowPrimary; default: the end of the run, but ${STALL_APPLY_DEFAULT_FOR} after at for stallApply).`,
    }),
    for: withMeta(z.optional(durationSchema), { description: 'How long it lasts (alternative to until).' }),
    crash: withMeta(z.optional(nodeIdSchema), { description: 'Crash this node.' }),
    network: withMeta(z.optional(z.enum(['kept', 'lost'])), {
      description: 'crash: `kept` (default: what the node had already sent still arrives; its unsent send queue is lost) or `lost` (a site failure: the node and everything it had in flight are lost at once).',
    }),
    recover: withMeta(z.optional(nodeIdSchema), { description: 'Restart this crashed node.' }),
    partition: withMeta(z.optional(z.array(z.array(nodeIdSchema).check(z.minLength(1))).check(z.minLength(2))), {
      description: 'Sides that cannot reach each other: [[a], [b, c]].',
    }),
    oneWay: withMeta(z.optional(z.boolean()), { description: 'partition: only messages from the first side to the second are cut (default false).' }),
    heal: withMeta(z.optional(z.literal(true)), { description: 'Heal all partitions.' }),
    degrade: withMeta(z.optional(degradeSchema), { description: 'Make a link slow or lossy.' }),
    stallApply: withMeta(z.optional(nodeIdSchema), { description: "Stop this replica's applier (a long query holding it)." }),
    slowPrimary: withMeta(z.optional(strict({ factor: z.number().check(z.positive()) })), { description: "Multiply the primary's commit time." }),
    promote: withMeta(z.optional(nodeIdSchema), { description: 'Manually promote this replica.' }),
    switchover: withMeta(z.optional(nodeIdSchema), { description: 'Planned switchover to this replica.' }),
  }).check(z.superRefine((f, ctx) => {
    const actions = FAULT_ACTIONS.filter((k) => f[k] !== undefined);
    if (actions.length === 0) {
      ctx.addIssue({ code: 'custom', path: [], message: `a fault needs one of: ${FAULT_ACTIONS.join(', ')}` });
      return;
    }
    if (actions.length > 1) {
      ctx.addIssue({ code: 'custom', path: [actions[1]], message: `a fault does one thing; this one has ${actions.join(' and ')} (split it into separate faults)` });
      return;
    }
    const action = actions[0];
    if (f.until !== undefined && f.for !== undefined)
      ctx.addIssue({ code: 'custom', path: ['for'], message: 'give either `until` or `for`, not both' });
    for (const k of ['until', 'for'] as const)
      if (f[k] !== undefined && !TIMED.has(action))
        ctx.addIssue({ code: 'custom', path: [k], message: `\`${k}\` does not apply to ${action}; only to ${[...TIMED].join(', ')}` });
    if (f.network !== undefined && action !== 'crash')
      ctx.addIssue({ code: 'custom', path: ['network'], message: '`network` applies only to crash' });
    if (f.oneWay !== undefined && action !== 'partition')
      ctx.addIssue({ code: 'custom', path: ['oneWay'], message: '`oneWay` applies only to partition' });
    if (f.oneWay && Array.isArray(f.partition) && f.partition.length !== 2)
      ctx.addIssue({ code: 'custom', path: ['oneWay'], message: 'a one-way partition has exactly two sides' });
    const at = tryDuration(f.at);
    const until = tryDuration(f.until);
    if (at !== undefined && until !== undefined && until <= at)
      ctx.addIssue({ code: 'custom', path: ['until'], message: `until (${f.until}) must be after at (${f.at})` });
    const dur = tryDuration(f.for);
    if (dur === 0) ctx.addIssue({ code: 'custom', path: ['for'], message: '`for` must be longer than zero' });
  })),
  { description: 'Something that happens at a moment: at, plus one of ' + FAULT_ACTIONS.join(', ') + '.' },
);
