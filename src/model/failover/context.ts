import type { DbNode } from '../node.ts';
import type { FailoverStep, PrimaryChangeCause } from '../trace.ts';
import type { World } from '../world-api.ts';
import type { FailoverConfig } from '../config.ts';

/** How often a waiting step (catch-up, switchover drain) looks again. */
export const POLL_US = 1_000;

export type ManagerState = 'watching' | 'failed' | 'surveying' | 'refused' | 'manual-wait' | 'promoting';

/** A replica's answer to the survey: where its log ends and whether it still reaches the primary. */
export interface SurveyAnswer {
  node: DbNode;
  lsn: number;
  term: number;
  commitUs: number;
  seesPrimary: boolean;
}

/**
 * What each node keeps for the failover protocol: with confirmByReplicas, the probe of its
 * upstream it is running for a survey, and the promote order it is carrying out. Owned by the nodes, not the manager:
 * the manager learns the outcome only from the node's status answer.
 */
export class NodeAgents {
  readonly probes = new Map<number, { attempt: number; reached: boolean }>();
  /** Per node index: the attempt of the promote order it is carrying out. */
  readonly promoting = new Map<number, number>();
  /** Per node index: the switchover attempt for which it (a primary) stopped taking writes. */
  readonly stopping = new Map<number, number>();
}

/**
 * The failover manager's shared state. The manager's steps (heartbeats, survey, promotion,
 * operator actions) live in separate files as plain functions over this one object, so
 * they all see the same state without reaching into the public FailoverManager.
 */
export class ManagerContext {
  state: ManagerState = 'watching';
  /**
   * The primary of record: the node the manager treats as primary (it pings it, and tells
   * the routers and the other nodes about it). The configured one at the start; after that
   * changed only by the manager adopting a promoted node.
   */
  primary: DbNode | null = null;
  /** Heartbeats in a row the primary has not answered. */
  missed = 0;
  /** The newest heartbeat is still unanswered. */
  awaiting = false;
  pingSeq = 0;
  lastPongUs = 0;
  suspectSinceUs = 0;
  /** The newest commit time the primary reported in a heartbeat answer. */
  primaryCommitUs = 0;
  /** Send time of the newest heartbeat (lease grant) to the primary. */
  lastGrantUs = -Infinity;
  lastFailoverUs = -Infinity;
  /** Bumped by every survey, promotion and clear, so that stale callbacks see they are superseded. */
  attempt = 0;
  /** Why the promotion under way happens (for the primary.change record). */
  promoteCause: PrimaryChangeCause = 'failover';
  /** The newest attempt whose promote order the candidate acknowledged. */
  promoteReceived = -1;
  /** The node told to promote, until the manager adopts it or gives up. */
  candidate: DbNode | null = null;
  /** When the candidate last acknowledged or answered during its catch-up. */
  candidateHeardUs = 0;
  /**
   * The newest term the manager has promoted a primary to (1: the configured primary's).
   * The manager's own record: nodes learn a newer term only from its messages.
   */
  term = 1;
  /** The term a switchover under way promotes its candidate to. */
  promoteTerm = 0;
  /** Keys of steps already narrated during this failure (see `once`). */
  readonly noted = new Set<string>();
  /** Per node index: the survey answer of the current attempt. */
  readonly answers = new Map<number, SurveyAnswer>();
  /** When a fault was last noted on each node (for the report's failure time). */
  readonly faultAt = new Map<DbNode, number>();
  /**
   * The nodes the manager knows follow its primary, the routers' read targets: the
   * configured replicas to start with; a promoted one leaves, a demoted primary joins once it
   * says (by `hello`) that it follows.
   */
  replicas: DbNode[] = [];
  /** Per node index: how many repoints the manager has sent it (to tell whether a lost one was superseded). */
  readonly repointsSent = new Map<number, number>();
  /** Per node index: LSN of its fork with the newest primary, until it has resubscribed. */
  readonly pendingFork = new Map<number, number>();

  /** The nodes' side of the failover protocol (their own state, not the manager's). */
  readonly agents = new NodeAgents();

  constructor(
    readonly w: World,
    readonly s: FailoverConfig,
  ) {}

  /** The manager's network endpoint. */
  get me() {
    return this.w.managerEndpoint;
  }

  /** The manager notes each repoint it sends a node (see `repointLost`). */
  countRepoint(node: { index: number }): void {
    this.repointsSent.set(node.index, (this.repointsSent.get(node.index) ?? 0) + 1);
  }

  /** Steps that repeat every heartbeat while the primary stays down are narrated once. */
  once(key: string, step: FailoverStep, text: string, from?: string): void {
    if (this.noted.has(key)) return;
    this.noted.add(key);
    this.w.observer.failoverStep(step, { from, text }, this.w.now);
  }
}
