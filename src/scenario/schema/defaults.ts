import type { ReplicationMode } from '../../model/config.ts';
import type { RoutingPolicyName } from '../../model/routing/names.ts';

/**
 * Defaults the page also shows beside a document it edits (the knobs), kept apart from the
 * zod schema that applies them so the page can import them without the validator.
 */
export const DEFAULT_REPLICATION_MODE: ReplicationMode = 'async';
export const DEFAULT_READ_ROUTING: RoutingPolicyName = 'round-robin';
