import { z } from 'zod';
import { distSchema } from './distribution.ts';
import { durationSchema, nodeIdSchema, probabilitySchema, strict } from './primitives.ts';
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
  between: z.tuple([nodeIdSchema, nodeIdSchema]).optional(),
  from: nodeIdSchema.optional(),
  to: nodeIdSchema.optional(),
  extraDelay: distSchema.optional().meta({ description: 'Delay added to every message.' }),
  latencyFactor: z.number().positive().optional().meta({ description: 'Multiplies the latency.' }),
  loss: probabilitySchema.optional().meta({ description: 'Chance a message is dropped (0..1).' }),
}).superRefine((d, ctx) => {
  const directed = d.from !== undefined || d.to !== undefined;
  if (d.between !== undefined && directed) ctx.addIssue({ code: 'custom', path: [], message: 'give either `between` or `from` and `to`, not both' });
  else if (d.between === undefined && !directed) ctx.addIssue({ code: 'custom', path: [], message: 'degrade needs `between: [a, b]` or `from` and `to`' });
  else if (directed && (d.from === undefined || d.to === undefined))
    ctx.addIssue({ code: 'custom', path: [], message: `missing \`${d.from === undefined ? 'from' : 'to'}\`` });
  if (d.extraDelay === undefined && d.latencyFactor === undefined && d.loss === undefined)
    ctx.addIssue({ code: 'custom', path: [], message: 'degrade needs at least one of extraDelay, latencyFactor, loss' });
});

export const faultSchema = strict({
  at: durationSchema.meta({ description: 'When the fault happens.' }),
  until: durationSchema
    .optional()
    .meta({ description: `When it ends (partition, degrade, stallApply, slowPrimary; default: the end of the run, but ${STALL_APPLY_DEFAULT_FOR} after at for stallApply).` }),
  for: durationSchema.optional().meta({ description: 'How long it lasts (alternative to until).' }),
  crash: nodeIdSchema.optional().meta({ description: 'Crash this node.' }),
  recover: nodeIdSchema.optional().meta({ description: 'Restart this crashed node.' }),
  partition: z.array(z.array(nodeIdSchema).min(1)).min(2).optional().meta({ description: 'Sides that cannot reach each other: [[a], [b, c]].' }),
  oneWay: z.boolean().optional().meta({ description: 'partition: only messages from the first side to the second are cut (default false).' }),
  heal: z.literal(true).optional().meta({ description: 'Heal all partitions.' }),
  degrade: degradeSchema.optional().meta({ description: 'Make a link slow or lossy.' }),
  stallApply: nodeIdSchema.optional().meta({ description: "Stop this replica's applier (a long query holding it)." }),
  slowPrimary: strict({ factor: z.number().positive() }).optional().meta({ description: "Multiply the primary's commit time." }),
  promote: nodeIdSchema.optional().meta({ description: 'Manually promote this replica.' }),
  switchover: nodeIdSchema.optional().meta({ description: 'Planned switchover to this replica.' }),
})
  .superRefine((f, ctx) => {
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
  })
  .meta({ description: 'Something that happens at a moment: at, plus one of ' + FAULT_ACTIONS.join(', ') + '.' });
