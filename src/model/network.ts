import { TAG_DELIVER } from './events.ts';
import type { EventQueue } from '../sim/event-queue.ts';
import type { RngStreams, Rng } from '../sim/rng.ts';
import { roundUs, type Micros } from '../sim/time.ts';
import { meanOf, sampler, type DistSpec, type Sampler } from '../sim/distributions/index.ts';
import type { NetworkConfig } from './config.ts';
import type { LinkState, Payload } from './message.ts';
import type { Endpoint } from './endpoint.ts';
import { Envelope, RECYCLED } from './envelope.ts';
import type { LinkCause } from './trace.ts';
import type { WorldObserver } from './observer.ts';
import { initialRtoUs, retransmissionDelayUs } from './tcp.ts';
import { messageBytes } from './message-size.ts';

interface Link extends LinkState {
  /**
   * latencyFactor ≠ 1, lossProbability > 0, usPerByte > 0: what `send` tests on every message.
   * Booleans rather than the numbers: V8 keeps a number field that has held a fraction in a
   * separate box, one more cache line to fetch per message on the common path.
   */
  slowed: boolean;
  lossy: boolean;
  limited: boolean;
  sample: Sampler;
  /** Node-to-node links are FIFO (one TCP stream); client links are not (many sessions). */
  fifo: boolean;
  lossRng: Rng;
  /** Serialization time per byte (8 / bandwidth); 0 = unlimited bandwidth, no send queue. */
  usPerByte: number;
  /**
   * With a bandwidth: when the sender's FIFO send queue on this link is empty again (the last
   * queued byte is on the wire). Fractional, so serialization times do not drift by rounding.
   */
  busyUntilUs: number;
  /** The drain time the last `link.backlog` record announced (see `enqueue`). */
  announcedDrainUs: number;
  /**
   * At the sender's last crash: when the last message it had sent on this link arrives (the
   * kernel's reset follows the data on the stream, so the peer notices no earlier). Exact
   * without a bandwidth; with one it also counts queued messages, which the crash lost.
   */
  lastSentArrivalUs: number;
  /** Mean one-way latency of the link as configured (before any degrade), for TCP's RTO. */
  baseMeanUs: number;
  /** TCP's first retransmission timeout on this link (see tcp.ts). */
  rtoUs: number;
}

/**
 * A send queue is recorded (`link.backlog`) only when it drains later than the last record said
 * by more than 10 ms of serialization, or 10 % of what is queued: a record per message would
 * double the trace under a burst, and a queue shorter than 10 ms is not worth drawing. Each
 * record is exact at its time; between records the page's picture (the last record, drained
 * linearly) is short by at most that much.
 */
const BACKLOG_STEP_US = 10_000;
const BACKLOG_STEP_FRACTION = 0.1;

/** A node crash as the network saw it: the sender's life it ended, when, and whether its traffic went too. */
interface CrashMark {
  endedIncarnation: number;
  atUs: Micros;
  /** A site failure: everything the node had in flight is lost with it. */
  site: boolean;
}

/**
 * The network between every pair of endpoints. A message's delivery time is fixed when it
 * is sent (send time + sampled latency, and no earlier than the previous message on a FIFO
 * link); a cut link, a lossy link or a restarted endpoint loses it.
 */
export class Network {
  private links: Link[][] = [];
  private nextId = 1;
  /**
   * Delivered envelopes nobody holds any more, reused for the next sends: the benchmark sends
   * eleven messages per write, and their envelopes were half of all its garbage.
   */
  private readonly spare: Envelope[] = [];
  /** By endpoint index: the crashes of that endpoint, oldest first (see `endpointCrashed`). */
  private readonly crashes: CrashMark[][] = [];

  constructor(
    private readonly config: NetworkConfig,
    readonly endpoints: Endpoint[],
    private rng: RngStreams,
    private queue: EventQueue<any>,
    private observer: WorldObserver,
    /** By client group index: the size of that group's writes (bytes), for log entries' sizes. */
    private readonly writeSizeBytes: readonly number[] = [],
  ) {
    for (const from of endpoints) {
      const row: Link[] = [];
      for (const to of endpoints) row.push(this.makeLink(config, from, to));
      this.links.push(row);
    }
  }

  private makeLink(config: NetworkConfig, from: Endpoint, to: Endpoint): Link {
    const clientSide = from.isClient || to.isClient;
    let spec: DistSpec = clientSide ? config.clientLatency : config.latency;
    // Bandwidth is a property of the links between servers (the replication traffic); client
    // links stand for many connections from many hosts and stay unlimited.
    let bitsPerSec = clientSide ? null : config.bandwidthBitsPerSec;
    for (const l of config.links)
      if (l.from === from.name && l.to === to.name) {
        if (l.latency) spec = l.latency;
        if (l.bandwidthBitsPerSec !== undefined) bitsPerSec = l.bandwidthBitsPerSec;
      }
    const name = `${from.name}->${to.name}`;
    const baseMeanUs = meanOf(spec);
    return {
      from: from.name,
      to: to.name,
      lastDeliveryUs: 0,
      up: true,
      slowed: false,
      lossy: false,
      limited: bitsPerSec !== null,
      epoch: 0,
      latencyFactor: 1,
      lossProbability: 0,
      extraDelay: null,
      // Streams are keyed by name, so adding an endpoint never shifts another link's numbers.
      sample: sampler(spec, this.rng.get(`net/${name}`)),
      fifo: !clientSide,
      lossRng: this.rng.get(`loss/${name}`),
      usPerByte: bitsPerSec === null ? 0 : 8e6 / bitsPerSec,
      busyUntilUs: 0,
      announcedDrainUs: 0,
      lastSentArrivalUs: 0,
      baseMeanUs,
      rtoUs: initialRtoUs(baseMeanUs, config.rtoMinUs),
    };
  }

  link(from: Endpoint, to: Endpoint): LinkState {
    return this.links[from.index][to.index];
  }

  /**
   * Puts `payload` on the wire from `from` to `to` and schedules its delivery, or records its
   * loss (then the returned envelope has `dropped` set and is not queued). Delivery = when its
   * last byte leaves the sender (after the send queue, with a bandwidth) + latency + any TCP
   * retransmissions, and no earlier than the previous message on a FIFO link.
   */
  send(from: Endpoint, to: Endpoint, now: number, payload: Payload): Envelope {
    const link = this.links[from.index][to.index];
    let latency = link.sample();
    if (link.slowed) latency = roundUs(latency * link.latencyFactor);
    if (link.extraDelay) latency += link.extraDelay();
    const onWire = from.up && link.up;
    const sizeBytes = !link.limited || !onWire ? 0 : messageBytes(payload, this.writeSizeBytes);
    const transmittedUs = sizeBytes === 0 ? now : this.enqueue(link, now, sizeBytes);
    let retransmitUs = 0;
    if (link.lossy && onWire) retransmitUs = retransmissionDelayUs(link.lossProbability, link.rtoUs, link.lossRng);
    let deliverUs = transmittedUs + latency + (retransmitUs > 0 ? retransmitUs : 0);
    if (link.fifo && deliverUs < link.lastDeliveryUs) deliverUs = link.lastDeliveryUs;
    const id = this.nextId++;
    const spare = this.spare;
    const msg =
      spare.length > 0
        ? spare.pop()!.reset(deliverUs, id, from, to, now, link, payload, transmittedUs)
        : new Envelope(deliverUs, id, from, to, now, link, payload, transmittedUs);
    if (sizeBytes !== 0) msg.sizeBytes = sizeBytes;
    this.observer.messageSent(msg, now);
    if (!from.up) return this.drop(msg, 'sender down', now);
    if (!link.up) return this.drop(msg, 'link cut', now);
    if (retransmitUs < 0) return this.drop(msg, 'retransmissions exhausted', now);
    if (link.fifo) link.lastDeliveryUs = deliverUs;
    this.queue.schedule(msg, deliverUs, TAG_DELIVER);
    return msg;
  }

  /**
   * A message joins the sender's FIFO send queue on a link with a bandwidth: it starts onto
   * the wire when everything queued before it has gone, and takes size × 8 / bandwidth to
   * serialize. Returns when its last byte is on the wire (whole µs).
   */
  private enqueue(link: Link, now: number, sizeBytes: number): number {
    const startUs = link.busyUntilUs > now ? link.busyUntilUs : now;
    link.busyUntilUs = startUs + sizeBytes * link.usPerByte;
    const transmittedUs = Math.ceil(link.busyUntilUs);
    // What the last record still shows queued ends at max(announced, now); record when the queue
    // now ends later than that by more than the step.
    const backlogUs = transmittedUs - now;
    if (transmittedUs - Math.max(link.announcedDrainUs, now) > Math.max(BACKLOG_STEP_US, BACKLOG_STEP_FRACTION * backlogUs)) {
      link.announcedDrainUs = transmittedUs;
      this.observer.linkBacklog?.(link.from, link.to, Math.round((link.busyUntilUs - now) / link.usPerByte), transmittedUs, now);
    }
    return transmittedUs;
  }

  /**
   * Hands back an envelope that has been delivered or lost, for reuse by a later send. Only
   * the world calls it, once it has handed the payload to its handler: handlers receive the
   * payload and the endpoints, never the envelope, so none can hold one that is reused.
   */
  recycle(msg: Envelope): void {
    msg.payload = RECYCLED;
    this.spare.push(msg);
  }

  /** Whether a message that has just come due actually arrives; reports it if not. */
  arrives(msg: Envelope, to: Endpoint, now: number, from?: Endpoint): boolean {
    const link = msg.link!;
    let reason = '';
    if (!link.up || link.epoch !== msg.linkEpoch) reason = 'link cut';
    else if (!to.up || to.incarnation !== msg.toIncarnation) reason = 'receiver down';
    else if (from !== undefined && from.incarnation !== msg.fromIncarnation) reason = this.lostWithSender(from, msg);
    if (reason === '') return true;
    this.drop(msg, reason, now);
    return false;
  }

  /**
   * A crash does not recall packets: what the sender had got onto the wire before it died
   * still arrives (bytes on the wire keep travelling; see faults/crash.ts). It loses what was still in its send queue, not yet transmitted; a site
   * failure (the node and its network at once) loses everything it had in flight. A restart
   * for another reason (a rollback) recalls nothing. '' = it arrives.
   */
  private lostWithSender(from: Endpoint, msg: Envelope): string {
    const marks = this.crashes[from.index];
    if (marks === undefined) return '';
    // The first crash after the message was sent: the one that ended its sender's life.
    for (const m of marks) {
      if (m.endedIncarnation < msg.fromIncarnation) continue;
      if (m.site) return 'site failure';
      return msg.transmittedUs > m.atUs ? 'unsent at crash' : '';
    }
    return '';
  }

  /**
   * `ep` crashed (its incarnation has just ended): its send queues are gone, and with a site
   * failure (`site`) so is everything it has in flight. New messages after its restart go on
   * new connections, ordered after nothing of the old ones.
   */
  endpointCrashed(ep: Endpoint, endedIncarnation: number, site: boolean, now: Micros): void {
    (this.crashes[ep.index] ??= []).push({ endedIncarnation, atUs: now, site });
    for (const link of this.links[ep.index]) {
      link.lastSentArrivalUs = link.lastDeliveryUs;
      link.lastDeliveryUs = 0;
      if (link.usPerByte > 0 && link.announcedDrainUs > now) this.observer.linkBacklog?.(link.from, link.to, 0, now, now);
      link.busyUntilUs = 0;
      link.announcedDrainUs = 0;
    }
  }

  private drop(msg: Envelope, reason: string, now: number): Envelope {
    msg.dropped = true;
    this.observer.messageDropped(msg, reason, now);
    return msg;
  }

  /**
   * Partitions may overlap: a directed link cut by several comes back only when the last of
   * them heals, or when everything is healed at once (`healAll`, which starts a new
   * generation: undoing a partition from an earlier generation then changes nothing).
   */
  private readonly cutsByPartitions = new Map<LinkState, number>();
  private partitionGenerationValue = 0;

  /** Advanced by every `healAll`; a partition remembers the one it cut in. */
  get partitionGeneration(): number {
    return this.partitionGenerationValue;
  }

  /** A partition cuts the directed link (one more partition in force on it). */
  cutByPartition(from: Endpoint, to: Endpoint, now: Micros): void {
    const link = this.links[from.index][to.index];
    this.cutsByPartitions.set(link, (this.cutsByPartitions.get(link) ?? 0) + 1);
    this.setLinkUp(from, to, false, 'partition', now);
  }

  /** A partition of `generation` that cut the link heals; the link comes up if no other still cuts it. */
  releasePartitionCut(from: Endpoint, to: Endpoint, generation: number, now: Micros): void {
    if (generation !== this.partitionGenerationValue) return; // everything was healed since
    const link = this.links[from.index][to.index];
    const left = (this.cutsByPartitions.get(link) ?? 1) - 1;
    this.cutsByPartitions.set(link, left);
    if (left <= 0) this.setLinkUp(from, to, true, 'heal', now);
  }

  /** Heals every link, whatever cut it. */
  healAll(now: Micros): void {
    this.partitionGenerationValue++;
    this.cutsByPartitions.clear();
    for (const a of this.endpoints) for (const b of this.endpoints) if (a !== b) this.setLinkUp(a, b, true, 'heal', now);
  }

  /** Cuts or heals the directed link; a cut loses everything in flight on it. */
  private setLinkUp(from: Endpoint, to: Endpoint, up: boolean, cause: LinkCause, now: Micros): void {
    const link = this.links[from.index][to.index];
    if (link.up === up) return;
    link.up = up;
    if (!up) {
      link.epoch++;
      // The connection's queued bytes are lost with what is on the wire.
      if (link.usPerByte > 0 && link.announcedDrainUs > now) this.observer.linkBacklog?.(link.from, link.to, 0, now, now);
      link.busyUntilUs = 0;
      link.announcedDrainUs = 0;
    } else link.lastDeliveryUs = 0;
    this.observer.linkChanged(from.name, to.name, up, cause, now);
  }

  /** When what `from` had sent to `to` before its last crash has all arrived (see Link.lastSentArrivalUs). */
  lastSentArrivalUs(from: Endpoint, to: Endpoint): number {
    return this.links[from.index][to.index].lastSentArrivalUs;
  }

  isLinkUp(from: Endpoint, to: Endpoint): boolean {
    return this.links[from.index][to.index].up;
  }

  /** Degrades (or restores, with factor 1, loss 0, extra null) a directed link. */
  degrade(from: Endpoint, to: Endpoint, factor: number, loss: number, extra: DistSpec | null, now: Micros): void {
    const link = this.links[from.index][to.index];
    link.latencyFactor = factor;
    link.lossProbability = loss;
    link.slowed = factor !== 1;
    link.lossy = loss > 0;
    link.rtoUs = initialRtoUs(link.baseMeanUs * factor + (extra ? meanOf(extra) : 0), this.config.rtoMinUs);
    link.extraDelay = extra ? sampler(extra, this.rng.get(`net/${link.from}->${link.to}/extra`)) : null;
    this.observer.linkQualityChanged(from.name, to.name, factor, loss, extra !== null, now);
  }
}
