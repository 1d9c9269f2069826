import { EventQueue } from '../sim/event-queue.ts';
import { RngStreams } from '../sim/rng.ts';
import { sampler } from '../sim/distributions/index.ts';
import type { WorldConfig } from './config.ts';
import type { WorldEvent, Timer, CommitDone, ApplyDone, FlushDone, Arrival } from './events.ts';
import { TAG_APPLY, TAG_ARRIVAL, TAG_COMMIT, TAG_DELIVER, TAG_FLUSH, TAG_TIMER } from './events.ts';
import { unhandled, type Payload } from './message.ts';
import type { Envelope } from './envelope.ts';
import type { Endpoint } from './endpoint.ts';
import { Network } from './network.ts';
import { DbNode } from './node.ts';
import { ReplicationStreams } from './streams.ts';
import { ConnectionTimeouts } from './replication/connection-timeouts.ts';
import { keyTables } from './key-table.ts';
import { ClientGroup } from './client-group.ts';
import type { WorldObserver } from './observer.ts';
import type { ReplicationModeLogic } from './replication/mode.ts';
import { makeReplicationMode } from './replication/index.ts';
import { PrimaryLogic } from './primary.ts';
import { ReplicaLogic } from './replica.ts';
import { ClientLogic } from './clients.ts';
import { scheduleFaults } from './faults/index.ts';
import { FailoverManager, MANAGER_ID } from './failover/index.ts';
import { LagMonitor } from './monitor/index.ts';
import type { World as WorldApi } from './world-api.ts';

/**
 * The replication world: nodes, network, clients and the event loop that drives them.
 * Behaviour lives in small collaborators (primary, replica, clients, the failover manager,
 * the lag monitor and the faults), wired here once, at construction: the failover manager is
 * the primary's PrimaryPolicy, and every message goes through `send` and one `receive`
 * switch with a handler per payload type. This class owns the clock, the queue and dispatch.
 * The collaborators see it as world-api.ts's World (they cannot import this module back).
 */
export class World implements WorldApi {
  readonly queue = new EventQueue<WorldEvent>();
  readonly rng: RngStreams;
  now = 0;
  /** Events processed so far. */
  events = 0;

  readonly nodes: DbNode[] = [];
  readonly groups: ClientGroup[] = [];
  private readonly endpoints: Endpoint[] = [];
  readonly nodeById = new Map<string, DbNode>();
  private readonly groupByName = new Map<string, ClientGroup>();
  readonly network: Network;
  /** The replication connections between nodes (see ReplicationStreams). */
  readonly streams: ReplicationStreams;
  readonly connections: ConnectionTimeouts;
  /** Each node's replication mode state (a primary's semi-sync/sync waits are its own). */
  private readonly modes: ReplicationModeLogic[] = [];
  /**
   * The failover manager's network location: an endpoint like a node, so partitions can cut
   * it off (name `manager`; partition sides may name it).
   */
  readonly managerEndpoint: Endpoint;
  readonly endpointByName = new Map<string, Endpoint>();

  readonly monitor: LagMonitor;

  readonly primary: PrimaryLogic;
  readonly replica: ReplicaLogic;
  readonly clients: ClientLogic;
  readonly failover: FailoverManager;
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
    });
    config.workload.forEach((gc, gi) => {
      const group = new ClientGroup(gc, gi, this.endpoints.length, gc.routing ?? config.routing, this.rng);
      this.groups.push(group);
      this.endpoints.push(group);
      this.groupByName.set(gc.name, group);
    });
    for (const g of this.groups) {
      const f = g.config.follows;
      if (f) this.groupByName.get(f.group)?.followers.push(g);
    }
    this.managerEndpoint = { name: MANAGER_ID, index: this.endpoints.length, isClient: false, up: true, incarnation: 0 };
    this.endpoints.push(this.managerEndpoint);
    for (const e of this.endpoints) this.endpointByName.set(e.name, e);
    this.observer = makeObserver(this);
    this.streams = new ReplicationStreams(this.nodes.length);
    this.connections = new ConnectionTimeouts(this);
    this.streams.onOpen = (p, r, conn) => this.connections.opened(p, r, conn);
    this.streams.onClosed = (p) => this.modes[p].streamClosed?.(this.nodes[p]);
    this.network = new Network(config.network, this.endpoints, this.rng, this.queue, this.observer, config.workload.map((g) => g.writes?.sizeBytes ?? 0));
    this.failover = new FailoverManager(this);
    this.primary = new PrimaryLogic(this, this.failover);
    for (let i = 0; i < this.nodes.length; i++) {
      const mode = makeReplicationMode(rep, this.primary.commitActions, config.nodes);
      const reset = mode.reset;
      // A node whose mode is reset stops acting as primary (crash, demotion, fencing, or is
      // about to start as one): its row locks go with its sessions.
      mode.reset = (node) => {
        reset(node);
        this.primary.dropLocks(node);
      };
      this.modes.push(mode);
    }
    this.ackOn = this.modes[0]?.ackOn ?? 'none';
    // After the modes: the replica side reads `ackOn` as it is built.
    this.replica = new ReplicaLogic(this);
    this.clients = new ClientLogic(this);
    this.monitor = new LagMonitor(this, config.monitor.intervalUs, config.monitor.measure, config.monitor.lagWhenNullUs, config.monitor.standbyStatus);
    this.wireInitialTopology();
  }

  /** The scenario's primary, where the failover manager and every router start. */
  private configuredPrimary: DbNode | null = null;
  /** The scenario's replicas, the read targets every router and the manager start with. */
  private readonly configuredReplicas: DbNode[] = [];

  private wireInitialTopology(): void {
    const primary = this.nodes.find((n) => n.role === 'primary') ?? null;
    this.configuredPrimary = primary;
    for (const n of this.nodes) n.streamTo = this.streams.from(n);
    for (const n of this.nodes) {
      if (n.role !== 'replica') continue;
      n.upstream = primary;
      if (primary) this.streams.accept(primary, n);
      this.configuredReplicas.push(n);
    }
  }

  /** What replicas acknowledge; the same for every node's mode, read on every entry. */
  readonly ackOn: ReplicationModeLogic['ackOn'];

  /** The replication mode of the primary clients write to (for the report's status). */
  get mode(): ReplicationModeLogic {
    return this.modes[this.failover.primary?.index ?? 0];
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
    const primary = this.configuredPrimary;
    this.observer.primaryChanged(primary, null, 'start', this.now);
    this.monitor.start();
    this.clients.start(primary, this.configuredReplicas);
    this.failover.start(primary, this.configuredReplicas);
    scheduleFaults(this);
  }

  /** Processes every event due at or before `untilUs`. */
  run(untilUs: number): void {
    const queue = this.queue;
    const limit = this.eventLimit;
    for (;;) {
      const ev = queue.popDue(untilUs);
      if (ev === undefined) break;
      this.now = queue.poppedTime;
      if (++this.events > limit) throw new Error(`the run exceeded its limit of ${limit} events at ${this.now} µs (events repeating without time passing?)`);
      this.dispatch(queue.poppedTag, ev);
    }
    this.now = untilUs;
  }

  /**
   * A hard stop for tools that must never hang (the fuzz test): past this many events `run`
   * throws. Infinity by default; the work estimate, not this, is what refuses big runs.
   */
  eventLimit = Infinity;

  private dispatch(tag: number, ev: WorldEvent): void {
    switch (tag) {
      case TAG_DELIVER:
        this.deliver(ev as Envelope);
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

  /** A message came due: hand its payload to its receiver's handler, or report its loss. */
  private deliver(env: Envelope): void {
    const from = env.fromEp;
    const to = env.toEp;
    const payload = env.payload;
    const arrived = this.network.arrives(env, to, this.now, from);
    this.network.recycle(env);
    if (arrived) this.receive(to, from, payload);
    else this.lost(from, to, payload);
  }

  /** One handler per message type; `unhandled` makes a forgotten type a compile error. */
  private receive(to: Endpoint, from: Endpoint, p: Payload): void {
    switch (p.type) {
      case 'write':
        return this.primary.receiveWrite(to as DbNode, p);
      case 'write-ack':
        return this.clients.writeReplied(p);
      case 'read':
        return this.replica.receiveRead(to as DbNode, p);
      case 'read-reply':
        return this.clients.readReplied(p);
      case 'log':
        return this.replica.receiveLog(to as DbNode, from as DbNode, p);
      case 'repl-ack':
        return this.primary.receiveAck(to as DbNode, from as DbNode, p);
      case 'standby-status':
        return this.monitor.standbyStatusReceived(to as DbNode, from as DbNode, p);
      case 'keepalive':
        return this.connections.onKeepalive(to as DbNode, from as DbNode, p);
      case 'reset':
        return this.connections.onReset(to as DbNode, from as DbNode, p);
      case 'subscribe':
        return this.primary.receiveSubscribe(to as DbNode, from as DbNode, p);
      case 'diverged':
        return this.failover.onDiverged(to as DbNode, from as DbNode, p);
      case 'not-primary':
        return this.replica.subscribeRefused(to as DbNode, from as DbNode);
      case 'replconf':
        return this.failover.onReplconf(to as DbNode, from as DbNode);
      case 'ping':
        return this.failover.onPing(to as DbNode, p);
      case 'pong':
        return this.failover.onPong(from as DbNode, p);
      case 'status-request':
        return this.failover.onStatusRequest(to as DbNode, p);
      case 'status':
        return this.failover.onStatus(from as DbNode, p);
      case 'probe':
        return this.failover.onProbe(to as DbNode, from as DbNode, p);
      case 'probe-ok':
        return this.failover.onProbeOk(to as DbNode, p);
      case 'promote':
        return this.failover.onPromote(to as DbNode, p);
      case 'promote-ack':
        return this.failover.onPromoteAck(from as DbNode, p);
      case 'promoted':
        return this.failover.onPromoted(from as DbNode, p);
      case 'stop-writes':
        return this.failover.onStopWrites(to as DbNode, p);
      case 'writes-stopped':
        return this.failover.onWritesStopped(from as DbNode, p);
      case 'resume-writes':
        return this.failover.onResumeWrites(to as DbNode, p);
      case 'repoint':
        return this.failover.onRepoint(to as DbNode, p);
      case 'hello':
        return this.failover.onHello(from as DbNode, p);
      case 'primary-is':
        return this.clients.primaryIs(to as ClientGroup, p);
      default:
        return unhandled(p);
    }
  }

  /**
   * A message was lost, at send or on arrival: its sender notices (a broken connection, or a
   * request it will time out and retry). Messages not listed are covered by timeouts.
   */
  private lost(from: Endpoint, to: Endpoint, p: Payload): void {
    switch (p.type) {
      // A lost log entry is silent: nothing tells either end (connection-timeouts.ts); a
      // receiver that sees the gap later resubscribes.
      case 'write':
      case 'write-ack':
        return this.clients.writeLost(p.op, p.type);
      case 'read':
      case 'read-reply':
        return this.clients.readLost(p.op, p.type);
      case 'subscribe':
        return this.replica.scheduleResubscribe(from as DbNode);
      case 'diverged':
        return this.replica.scheduleResubscribe(to as DbNode);
      case 'hello':
        return this.failover.helloLost(from as DbNode);
      case 'repoint':
        // The manager sees how the connection failed: refused (the node is down; it will ask
        // when it restarts) or unreachable (a cut link, or a restart since it was sent).
        return this.failover.repointLost(to as DbNode, p, to.up ? 'unreachable' : 'refused');
      case 'primary-is':
        return this.failover.primaryIsLost(to as ClientGroup, p);
      default:
        return;
    }
  }

  /** Sends `payload` from `from` to `to`; a loss at send time is reported like one on arrival. */
  send(from: Endpoint, to: Endpoint, payload: Payload): void {
    const env = this.network.send(from, to, this.now, payload);
    if (!env.dropped) return;
    this.network.recycle(env);
    this.lost(from, to, payload);
  }
}
