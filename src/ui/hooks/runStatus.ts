import type { RunProgress, RunTooLarge } from '../worker/protocol.ts';

/** What the page's engine worker is doing about the newest request (errors are reported apart). */
export type RunStatus =
  | { kind: 'idle' }
  | { kind: 'running'; fileName: string; progress: RunProgress | null }
  | { kind: 'too-large'; reply: RunTooLarge }
  | { kind: 'cancelled'; fileName: string };

export const IDLE: RunStatus = { kind: 'idle' };
