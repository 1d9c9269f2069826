import type { EventQueue } from '../sim/event-queue.ts';
import type { RngStreams } from '../sim/rng.ts';
import type { ClientGroup } from './client-group.ts';
import type { WorldConfig } from './config.ts';
import type { Endpoint } from './endpoint.ts';
import type { WorldEvent } from './events.ts';
import type { LogEntry } from './log-entry.ts';
import type { Payload } from './message.ts';
import type { Network } from './network.ts';
import type { DbNode } from './node.ts';
import type { WorldObserver } from './observer.ts';
import type { ReplicationModeLogic } from './replication/mode.ts';
import type { ReplicationStreams } from './streams.ts';
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
}

/** What the other collaborators use of the replicas' logic. */
export interface ReplicaPort {
  connect(replica: DbNode): void;
  kickApplier(node: DbNode): void;
  resetApplier(node: DbNode): void;
  /** Brings the node's flushed position up to now (a crash keeps only what was flushed). */
  settleFlush(node: DbNode): void;
  scheduleResubscribe(replica: DbNode): void;
  streamClosed(replica: DbNode, primary: DbNode): void;
}

/** What the other collaborators use of the connection timeouts (replication/connection-timeouts.ts). */
export interface ConnectionsPort {
  heardFromPrimary(primary: DbNode, replica: DbNode): void;
  heardFromReplica(primary: DbNode, replica: DbNode): void;
  repliedToPrimary(primary: DbNode, replica: DbNode): void;
  processDied(node: DbNode, hostUp?: boolean): void;
}

/** What the other collaborators (faults, replicas, the monitor) use of the failover manager. */
export interface FailoverPort {
  /** The primary of record, as the manager knows it. */
  readonly primary: DbNode | null;
  noteFault(node: DbNode): void;
  nodeRestarted(node: DbNode): void;
  askForPrimary(node: DbNode): void;
  manualPromote(cand: DbNode): void;
  switchover(cand: DbNode): void;
}

/** What the clients' routers read of the lag monitor (its last samples). */
export interface MonitorPort {
  lagUs(node: DbNode): number;
  appliedVersion(node: DbNode): Version;
}

export interface World {
  readonly config: WorldConfig;
  readonly queue: EventQueue<WorldEvent>;
  readonly rng: RngStreams;
  readonly now: number;
  readonly observer: WorldObserver;
  readonly network: Network;
  readonly streams: ReplicationStreams;
  /** How each end of a replication connection notices the other is gone. */
  readonly connections: ConnectionsPort;

  readonly nodes: DbNode[];
  readonly groups: ClientGroup[];
  readonly nodeById: Map<string, DbNode>;
  readonly endpointByName: Map<string, Endpoint>;
  readonly managerEndpoint: Endpoint;


  readonly primary: PrimaryPort;
  readonly replica: ReplicaPort;
  readonly failover: FailoverPort;
  readonly monitor: MonitorPort;

  readonly ackOn: ReplicationModeLogic['ackOn'];
  modeOf(node: DbNode): ReplicationModeLogic;
  nextOpId(): number;
  at(timeUs: number, run: () => void): void;
  after(delayUs: number, run: () => void): void;
  send(from: Endpoint, to: Endpoint, payload: Payload): void;
}
