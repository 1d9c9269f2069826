import type { Scheduled } from '../sim/event-queue.ts';
import type { Micros } from '../sim/time.ts';
import type { MessageKind } from './trace.ts';
import type { LogEntry } from './log-entry.ts';
import type { ReadOp, WriteOp } from './ops.ts';
import type { Version } from './version.ts';
import type { Endpoint } from './endpoint.ts';

/**
 * A message in flight. It is also the event of its own delivery (queue tag TAG_DELIVER), so
 * a message costs at most one allocation (the network reuses delivered ones), and `reset`
 * sets every field of every message in one order, so V8 gives them all one hidden class.
 * Endpoint names are getters rather than fields: eleven messages per write make every
 * field count.
 */
export class Message implements Scheduled {
  declare time: Micros;
  declare id: number;
  declare kind: MessageKind;
  /** The endpoints themselves, so receivers need no lookup by name. */
  declare fromEp: Endpoint;
  declare toEp: Endpoint;
  declare sentUs: Micros;
  /** Link epoch and endpoint incarnations at send: a cut link or a restart loses it. */
  declare linkEpoch: number;
  declare fromIncarnation: number;
  declare toIncarnation: number;
  declare link: LinkState | null;
  declare entry: LogEntry | null;
  declare write: WriteOp | null;
  declare read: ReadOp | null;
  /** repl-ack: the acknowledged position; control: a position to resume from. */
  declare position: number;
  /**
   * heartbeat: the sender's newest commit time (µs). Kept small on purpose: a field that ever
   * holds a non-small integer (a term·2^32 version) makes V8 box it in every message.
   */
  declare version: Version;
  /** Free-form subtype for control messages (subscribe, promote, …) and write outcomes. */
  declare note: string;
  declare term: number;
  /** Lost at send (cut link, loss, sender down); the world may react, e.g. break a stream. */
  declare dropped: boolean;

  constructor(...fields: Parameters<Message['reset']>) {
    this.reset(...fields);
  }

  /** Sets every field (in one fixed order, so all messages share one hidden class). */
  reset(
    time: Micros,
    id: number,
    kind: MessageKind,
    fromEp: Endpoint,
    toEp: Endpoint,
    sentUs: Micros,
    link: LinkState | null,
    entry: LogEntry | null,
    write: WriteOp | null,
    read: ReadOp | null,
    position: number,
    version: Version,
    note: string,
    term: number,
  ): this {
    this.time = time;
    this.id = id;
    this.kind = kind;
    this.fromEp = fromEp;
    this.toEp = toEp;
    this.sentUs = sentUs;
    this.linkEpoch = link ? link.epoch : 0;
    this.fromIncarnation = fromEp.incarnation;
    this.toIncarnation = toEp.incarnation;
    this.link = link;
    this.entry = entry;
    this.write = write;
    this.read = read;
    this.position = position;
    this.version = version;
    this.note = note;
    this.term = term;
    this.dropped = false;
    return this;
  }

  /** Sender's node id or client group name. */
  get from(): string {
    return this.fromEp.name;
  }

  /** Receiver's node id or client group name. */
  get to(): string {
    return this.toEp.name;
  }
}

/** One directed node-to-node link's state. */
export interface LinkState {
  from: string;
  to: string;
  /** FIFO: nothing sent later may arrive before this. */
  lastDeliveryUs: Micros;
  up: boolean;
  epoch: number;
  /** Degradation (faults): added delay in µs is sampled separately. */
  latencyFactor: number;
  lossProbability: number;
  extraDelay: (() => number) | null;
}
