import { z } from 'zod';
import { durationSchema, strict } from './primitives.ts';
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
export const scenarioSchema = strict({
  /** Default: the file name without directory and extension. */
  name: z.string().optional().meta({ description: 'Shown in the UI and the report (default: the file name).' }),
  description: descriptionSchema.optional(),
  /** Default 1. */
  seed: z.union([z.int(), z.string()]).default(1).meta({ description: 'Seed of every random stream.' }),
  /** Default 60s. */
  duration: durationSchema.default('60s').meta({ description: 'Simulated time to run.' }),
  nodes: nodesSchema,
  replication: replicationSchema.prefault({}),
  network: networkSchema.prefault({}),
  /** Default []. */
  workload: workloadSchema.default([]),
  routing: routingSchema.prefault({}),
  failover: failoverSchema.prefault({}),
  /** Default []. */
  faults: z.array(faultSchema).default([]).meta({ description: 'Faults and operator actions, by time.' }),
  monitor: monitorSchema.prefault({}),
  clients: clientsSchema.prefault({}),
  report: reportOptionsSchema.prefault({}),
  /** Default []. */
  expect: z.array(expectationSchema).default([]).meta({ description: 'Checks `repsim check` evaluates on the report.' }),
  /** Default []. */
  narration: z.array(lessonNarrationSchema).default([]).meta({ description: 'Captions for the visualizer.' }),
  playback: playbackSchema.optional(),
  /** Default []. */
  quiz: z.array(quizSchema).default([]).meta({ description: 'Questions asked during playback (predict, then see).' }),
  /** Default []. */
  markers: z.array(markerSchema).default([]).meta({ description: "The lesson's key moments, shown on the scrubber." }),
}).meta({
  title: 'repsim scenario',
  description: 'A primary/replica replication scenario for repsim (YAML or JSON).',
});

export type ScenarioInput = z.input<typeof scenarioSchema>;
export type ScenarioDoc = z.output<typeof scenarioSchema>;
