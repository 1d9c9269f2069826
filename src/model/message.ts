import type { Scheduled } from '../sim/event-queue.ts';
import type { Micros } from '../sim/time.ts';
import type { MessageKind } from './trace.ts';
import type { LogEntry } from './log-entry.ts';
import type { ReadOp, WriteOp } from './ops.ts';
import type { Version } from './version.ts';
import type { Endpoint } from './network.ts';

/**
 * A message in flight. It is also the event of its own delivery (kind 'deliver'), so a
 * message costs one allocation. Endpoints are node ids or client group names.
 */
export interface Message extends Scheduled {
  /** Delivery is dispatched by queue tag (TAG_DELIVER); the field exists only for types. */
  ev?: 'deliver';
  id: number;
  kind: MessageKind;
  from: string;
  to: string;
  /** The endpoints themselves, so receivers need no lookup by name. */
  fromEp: Endpoint;
  toEp: Endpoint;
  sentUs: Micros;
  /** Link epoch and endpoint incarnations at send: a cut link or a restart loses it. */
  linkEpoch: number;
  fromIncarnation: number;
  toIncarnation: number;
  link: LinkState | null;
  entry: LogEntry | null;
  write: WriteOp | null;
  read: ReadOp | null;
  /** repl-ack: the acknowledged position; control: a position to resume from. */
  position: number;
  version: Version;
  /** Free-form subtype for control messages (subscribe, promote, …) and write outcomes. */
  note: string;
  term: number;
  /** Lost at send (cut link, loss, sender down); the world may react, e.g. break a stream. */
  dropped: boolean;
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
