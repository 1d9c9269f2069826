import { z } from 'zod/mini';
import { durationSchema, strict, withMeta } from './primitives.ts';
import { nodesSchema } from './nodes.ts';
import { replicationSchema } from './replication.ts';
import { networkSchema } from './network.ts';
import { workloadSchema } from './workload.ts';
import { routingSchema } from './routing.ts';
import { failoverSchema } from './failover.ts';
import { faultSchema } from './faults.ts';
import { clientsSchema, expectationSchema, monitorSchema, reportOptionsSchema } from './extras.ts';
import { descriptionSchema, lessonNarrationSchema, markerSchema, playbackSchema, quizSchema } from './lesson.ts';

/**
 * The scenario file format (field names fixed by DESIGN.md). Static defaults live on the
 * fields; defaults that depend on other fields are resolved in build-config.ts.
 */
export const scenarioSchema = withMeta(
  strict({
    /** Default: the file name without directory and extension. */
    name: withMeta(z.optional(z.string()), { description: 'Shown in the UI and the report (default: the file name).' }),
    description: z.optional(descriptionSchema),
    /** Default 1. */
    seed: withMeta(z._default(z.union([z.int(), z.string()]), 1), { description: 'Seed of every random stream.' }),
    /** Default 60s. */
    duration: withMeta(z._default(durationSchema, '60s'), { description: 'Simulated time to run.' }),
    nodes: nodesSchema,
    replication: z.prefault(replicationSchema, {}),
    network: z.prefault(networkSchema, {}),
    /** Default []. */
    workload: z._default(workloadSchema, []),
    routing: z.prefault(routingSchema, {}),
    failover: z.prefault(failoverSchema, {}),
    /** Default []. */
    faults: withMeta(z._default(z.array(faultSchema), []), { description: 'Faults and operator actions, by time.' }),
    monitor: z.prefault(monitorSchema, {}),
    clients: z.prefault(clientsSchema, {}),
    report: z.prefault(reportOptionsSchema, {}),
    /** Default []. */
    expect: withMeta(z._default(z.array(expectationSchema), []), { description: 'Checks `repsim check` evaluates on the report.' }),
    /** Default []. */
    narration: withMeta(z._default(z.array(lessonNarrationSchema), []), { description: 'Captions for the visualizer.' }),
    playback: z.optional(playbackSchema),
    /** Default []. */
    quiz: withMeta(z._default(z.array(quizSchema), []), { description: 'Questions asked during playback (predict, then see).' }),
    /** Default []. */
    markers: withMeta(z._default(z.array(markerSchema), []), { description: "The lesson's key moments, shown on the scrubber." }),
  }),
  {
    title: 'repsim scenario',
    description: 'A primary/replica replication scenario for repsim (YAML or JSON).',
  },
);

export type ScenarioInput = z.input<typeof scenarioSchema>;
export type ScenarioDoc = z.output<typeof scenarioSchema>;
