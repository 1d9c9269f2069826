import { EventQueue } from '../sim/event-queue.ts';
import { RngStreams } from '../sim/rng.ts';
import { sampler } from '../sim/distributions/index.ts';
import type { WorldConfig } from './config.ts';
import type { WorldEvent, Timer, CommitDone, ApplyDone, FlushDone, Arrival } from './events.ts';
import { TAG_APPLY, TAG_ARRIVAL, TAG_COMMIT, TAG_DELIVER, TAG_FLUSH, TAG_TIMER } from './events.ts';
import type { Message } from './message.ts';
import { Network, type Endpoint } from './network.ts';
import { DbNode } from './node.ts';
import { keyTables } from './key-table.ts';
import { ClientGroup } from './client-group.ts';
import type { WorldObserver } from './observer.ts';
import { makeReadPolicy, type ReadPolicy, type RoutingView } from './routing/index.ts';
import type { ReplicationModeLogic } from './replication/mode.ts';
import { makeReplicationMode } from './replication/index.ts';
import { PrimaryLogic } from './primary.ts';
import { ReplicaLogic } from './replica.ts';
import { ClientLogic } from './clients.ts';
import { scheduleFaults } from './faults/index.ts';
import { FailoverManager, MANAGER_ID } from './failover/index.ts';
import { LagMonitor } from './monitor/index.ts';
import type { Version } from './version.ts';

/**
 * The replication world: nodes, network, clients and the event loop that drives them.
 * Behaviour lives in small collaborators (primary, replica, clients, and the fault and
 * failover modules that hook in through `at`/`after`); this class owns state and dispatch.
 */
export class World {
  readonly queue = new EventQueue<WorldEvent>();
  readonly rng: RngStreams;
  now = 0;
  /** Events processed so far. */
  events = 0;

  readonly nodes: DbNode[] = [];
  readonly groups: ClientGroup[] = [];
  readonly endpoints: Endpoint[] = [];
  readonly nodeById = new Map<string, DbNode>();
  readonly groupByName = new Map<string, ClientGroup>();
  readonly network: Network;
  /** Each node's replication mode state (a primary's semi-sync/sync waits are its own). */
  readonly modes: ReplicationModeLogic[] = [];
  /**
   * The failover manager's network location: an endpoint like a node, so partitions can cut
   * it off (name `manager`; partition sides may name it).
   */
  readonly managerEndpoint: Endpoint;
  readonly endpointByName = new Map<string, Endpoint>();
  /** The newest term any primary was promoted to: a primary with an older term is deposed. */
  clusterTerm = 1;
  readonly policies: ReadPolicy[] = [];

  /** The node the router (and so every client) sends writes to. */
  routerPrimary: DbNode | null = null;
  /** Nodes the router treats as replicas for reads. */
  routerReplicas: DbNode[] = [];
  /** Lag per node index as the lag monitor last sampled it (µs). */
  readonly monitoredLagUs: number[] = [];
  /** Newest version per node index the lag monitor last saw applied (0 = never sampled). */
  readonly monitoredAppliedVersion: Version[] = [];
  readonly monitor: LagMonitor;

  readonly primary: PrimaryLogic;
  readonly replica: ReplicaLogic;
  readonly clients: ClientLogic;
  readonly failover: FailoverManager;
  readonly routingView: RoutingView;
  private nextOpIdValue = 1;

  readonly observer: WorldObserver;

  /**
   * `makeObserver` is called once the nodes exist (observers size themselves by them) and
   * before anything can happen.
   */
  constructor(
    readonly config: WorldConfig,
    makeObserver: (world: World) => WorldObserver,
  ) {
    this.rng = new RngStreams(config.seed);
    const rep = config.replication;
    const keyTablesByNode = keyTables(config.keyCount, config.nodes.length);
    config.nodes.forEach((nc, i) => {
      const node = new DbNode(
        nc,
        i,
        keyTablesByNode[i],
        sampler(nc.applyTime, this.rng.get(`apply/${nc.id}`)),
        sampler(rep.commitTime, this.rng.get(`commit/${nc.id}`)),
        sampler(rep.flushTime, this.rng.get(`flush/${nc.id}`)),
      );
      this.nodes.push(node);
      this.endpoints.push(node);
      this.nodeById.set(nc.id, node);
      this.monitoredLagUs.push(0);
      this.monitoredAppliedVersion.push(0);
    });
    config.workload.forEach((gc, gi) => {
      const group = new ClientGroup(gc, gi, this.endpoints.length, gc.routing ?? config.routing, this.rng);
      this.groups.push(group);
      this.endpoints.push(group);
      this.groupByName.set(gc.name, group);
      this.policies.push(makeReadPolicy(group.routing, this.rng.get(`route/${gc.name}`)));
    });
    for (const g of this.groups) {
      const f = g.config.follows;
      if (f) this.groupByName.get(f.group)?.followers.push(g);
    }
    this.managerEndpoint = { name: MANAGER_ID, index: this.endpoints.length, isClient: false, up: true, incarnation: 0 };
    this.endpoints.push(this.managerEndpoint);
    for (const e of this.endpoints) this.endpointByName.set(e.name, e);
    this.observer = makeObserver(this);
    this.network = new Network(config.network, this.endpoints, this.rng, this.queue, this.observer);
    this.primary = new PrimaryLogic(this);
    this.replica = new ReplicaLogic(this);
    this.clients = new ClientLogic(this);
    for (let i = 0; i < this.nodes.length; i++) this.modes.push(makeReplicationMode(rep, this.primary.commitActions, config.nodes));
    this.ackOn = this.modes[0]?.ackOn ?? 'none';
    this.failover = new FailoverManager(this);
    this.routingView = {
      now: () => this.now,
      primary: () => this.routerPrimary,
      replicas: () => this.routerReplicas,
      monitoredLagUs: (node) => this.monitoredLagUs[node.index],
      monitoredAppliedVersion: (node) => this.monitoredAppliedVersion[node.index],
    };
    this.monitor = new LagMonitor(this, config.monitor.intervalUs, config.monitor.measure ?? 'heartbeat');
    this.wireInitialTopology();
  }

  private wireInitialTopology(): void {
    const primary = this.nodes.find((n) => n.role === 'primary') ?? null;
    this.routerPrimary = primary;
    for (const n of this.nodes) {
      n.streamTo.length = this.nodes.length;
      n.streamTo.fill(false);
    }
    for (const n of this.nodes) {
      if (n.role !== 'replica') continue;
      n.upstream = primary;
      if (primary) primary.streamTo[n.index] = true;
      this.routerReplicas.push(n);
    }
  }

  /** What replicas acknowledge; the same for every node's mode, read on every entry. */
  readonly ackOn: ReplicationModeLogic['ackOn'];

  /** The replication mode of the primary clients write to (for the report's status). */
  get mode(): ReplicationModeLogic {
    return this.modes[this.routerPrimary?.index ?? 0];
  }

  /** The replication mode state of `node` as a primary. */
  modeOf(node: DbNode): ReplicationModeLogic {
    return this.modes[node.index];
  }

  nextOpId(): number {
    return this.nextOpIdValue++;
  }

  /** Runs `run` at absolute simulated time `timeUs` (never in the past). */
  at(timeUs: number, run: () => void): void {
    const t: Timer = { time: Math.max(timeUs, this.now), run };
    this.queue.schedule(t, t.time, TAG_TIMER);
  }

  after(delayUs: number, run: () => void): void {
    this.at(this.now + delayUs, run);
  }

  /** Schedules the workload's first arrivals. Call once before `run`. */
  start(): void {
    this.observer.primaryChanged(this.routerPrimary, null, 'start', this.now);
    this.monitor.start();
    this.clients.start();
    this.failover.start();
    scheduleFaults(this);
  }

  /** Processes every event due at or before `untilUs`. */
  run(untilUs: number): void {
    const queue = this.queue;
    for (;;) {
      const ev = queue.popDue(untilUs);
      if (ev === undefined) break;
      this.now = queue.poppedTime;
      this.events++;
      this.dispatch(queue.poppedTag, ev);
    }
    this.now = untilUs;
  }

  private dispatch(tag: number, ev: WorldEvent): void {
    switch (tag) {
      case TAG_DELIVER:
        this.deliver(ev as Message);
        return;
      case TAG_COMMIT:
        this.primary.commitDone(ev as CommitDone);
        return;
      case TAG_APPLY:
        this.replica.applyDone(ev as ApplyDone);
        return;
      case TAG_FLUSH:
        this.replica.flushDone(ev as FlushDone);
        return;
      case TAG_ARRIVAL:
        this.clients.arrival(ev as Arrival);
        return;
      case TAG_TIMER:
        (ev as Timer).run();
        return;
    }
  }

  private deliver(msg: Message): void {
    const to = msg.toEp;
    if (!this.network.arrives(msg, to, this.now, msg.fromEp)) {
      this.onLost(msg);
      return;
    }
    switch (msg.kind) {
      case 'log':
        this.replica.receiveLog(to as DbNode, msg);
        this.network.recycle(msg);
        return;
      case 'repl-ack':
        this.primary.receiveAck(to as DbNode, msg);
        this.network.recycle(msg);
        return;
      case 'write':
        this.primary.receiveWrite(to as DbNode, msg.write!);
        this.network.recycle(msg);
        return;
      case 'write-ack':
        this.clients.writeReplied(msg);
        this.network.recycle(msg);
        return;
      case 'read':
        this.replica.receiveRead(to as DbNode, msg);
        return;
      case 'read-reply':
        this.clients.readReplied(msg);
        return;
      case 'control':
        this.primary.receiveControl(to as DbNode, msg);
        return;
      case 'heartbeat':
        this.controlHandlers.get(msg.note)?.(msg);
        return;
    }
  }

  /** Handlers for failover-manager messages by `note`; the failover module registers them. */
  readonly controlHandlers = new Map<string, (msg: Message) => void>();

  /** A message was lost, at send or on arrival: let its owner react. */
  onLost(msg: Message): void {
    switch (msg.kind) {
      case 'log':
        this.replica.streamBroken(this.nodeById.get(msg.from)!, this.nodeById.get(msg.to)!);
        return;
      case 'write':
      case 'write-ack':
        this.clients.writeLost(msg);
        return;
      case 'read':
      case 'read-reply':
        this.clients.readLost(msg);
        return;
      case 'control':
        this.replica.controlLost(msg);
        return;
      default:
        return;
    }
  }

  /** Sends a message and routes a loss at send time to `onLost`. */
  send(kind: Message['kind'], from: Endpoint, to: Endpoint, init: Partial<Message>): Message {
    const msg = this.network.send(kind, from, to, this.now, init);
    if (msg.dropped) this.onLost(msg);
    return msg;
  }

  /** `send` with positional fields, for the hot paths (see Network.transmit). */
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
  ): Message {
    const msg = this.network.transmit(kind, from, to, this.now, entry, write, read, position, version, note, term);
    if (msg.dropped) this.onLost(msg);
    return msg;
  }
}
