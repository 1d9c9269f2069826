import type { EventQueue } from '../sim/event-queue.ts';
import type { ClientGroup } from './client-group.ts';
import type { WorldConfig } from './config.ts';
import type { Endpoint } from './endpoint.ts';
import type { WorldEvent } from './events.ts';
import type { LogEntry } from './log-entry.ts';
import type { Message } from './message.ts';
import type { Network } from './network.ts';
import type { DbNode } from './node.ts';
import type { WorldObserver } from './observer.ts';
import type { ReplicationModeLogic } from './replication/mode.ts';
import type { ReadPolicy, RoutingView } from './routing/index.ts';
import type { Version } from './version.ts';

/*
 * The world as its collaborators see it. world.ts builds the primary, replica, client and
 * failover logic and schedules the faults, so they cannot import world.ts back without an
 * import cycle; they depend on this interface instead, which the World class implements.
 * Each collaborator that another one calls is seen here only through a port: the methods
 * the others use, nothing of its internals.
 */

/** What the other collaborators use of the primary's logic. */
export interface PrimaryPort {
  sendEntry(primary: DbNode, replica: DbNode, entry: LogEntry): void;
  onDivergentSubscriber: (primary: DbNode, replica: DbNode, msg: Message) => boolean;
  onSubscribed: (primary: DbNode, replica: DbNode) => void;
  writeGate: (primary: DbNode) => string | null;
  pruneCeiling: () => number;
}

/** What the other collaborators use of the replicas' logic. */
export interface ReplicaPort {
  connect(replica: DbNode): void;
  kickApplier(node: DbNode): void;
  resetApplier(node: DbNode): void;
  scheduleResubscribe(replica: DbNode): void;
}

/** What the other collaborators (faults, replicas) tell the failover manager. */
export interface FailoverPort {
  noteFault(node: DbNode): void;
  nodeRestarted(node: DbNode): void;
  askForPrimary(node: DbNode): void;
  controlLost(msg: Message): void;
  manualPromote(cand: DbNode): void;
  switchover(cand: DbNode): void;
}

export interface World {
  readonly config: WorldConfig;
  readonly queue: EventQueue<WorldEvent>;
  readonly now: number;
  readonly observer: WorldObserver;
  readonly network: Network;

  readonly nodes: DbNode[];
  readonly groups: ClientGroup[];
  readonly endpoints: Endpoint[];
  readonly nodeById: Map<string, DbNode>;
  readonly endpointByName: Map<string, Endpoint>;
  readonly managerEndpoint: Endpoint;

  /** The newest term any primary was promoted to. */
  clusterTerm: number;
  /** The node the router (and so every client) sends writes to. */
  routerPrimary: DbNode | null;
  /** Nodes the router treats as replicas for reads. */
  routerReplicas: DbNode[];
  readonly policies: ReadPolicy[];
  readonly routingView: RoutingView;
  readonly monitoredLagUs: number[];
  readonly monitoredAppliedVersion: Version[];

  readonly primary: PrimaryPort;
  readonly replica: ReplicaPort;
  readonly failover: FailoverPort;

  readonly ackOn: ReplicationModeLogic['ackOn'];
  modeOf(node: DbNode): ReplicationModeLogic;
  nextOpId(): number;
  at(timeUs: number, run: () => void): void;
  after(delayUs: number, run: () => void): void;
  readonly controlHandlers: Map<string, (msg: Message) => void>;
  send(kind: Message['kind'], from: Endpoint, to: Endpoint, init: Partial<Message>): Message;
  transmit(
    kind: Message['kind'],
    from: Endpoint,
    to: Endpoint,
    entry: Message['entry'],
    write: Message['write'],
    read: Message['read'],
    position: number,
    version: number,
    note: string,
    term: number,
  ): Message;
}
