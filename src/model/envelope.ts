import type { Scheduled } from '../sim/event-queue.ts';
import type { Micros } from '../sim/time.ts';
import type { LinkState, Payload } from './message.ts';
import type { Endpoint } from './endpoint.ts';

/**
 * A message in flight: a payload and what the network needs to deliver it. It is also the
 * event of its own delivery (queue tag TAG_DELIVER), so a message costs at most one
 * allocation besides its payload (the network reuses envelopes once delivered or lost), and
 * `reset` sets every field in one order, so V8 gives them all one hidden class. Endpoint
 * names are getters rather than fields: eleven messages per write make every field count.
 *
 * Only the network layer and the world's dispatch touch envelopes; observers may read one
 * during the call that reports it, and no handler ever sees one.
 */
export class Envelope implements Scheduled {
  declare time: Micros;
  declare id: number;
  /** The endpoints themselves, so the dispatch needs no lookup by name. */
  declare fromEp: Endpoint;
  declare toEp: Endpoint;
  declare sentUs: Micros;
  /** Link epoch and endpoint incarnations at send: a cut link or a restart loses it. */
  declare linkEpoch: number;
  declare fromIncarnation: number;
  declare toIncarnation: number;
  declare link: LinkState;
  declare payload: Payload;
  /** When its last byte left the sender (= sentUs without a bandwidth); a crash loses it if later. */
  declare transmittedUs: Micros;
  /** Bytes on the wire, on a link with a bandwidth (0 elsewhere: not sized). */
  declare sizeBytes: number;
  /** Lost at send (cut link, loss, sender down); the world may react, e.g. break a stream. */
  declare dropped: boolean;

  constructor(...fields: Parameters<Envelope['reset']>) {
    this.reset(...fields);
  }

  /** Sets every field (in one fixed order, so all envelopes share one hidden class). */
  reset(time: Micros, id: number, fromEp: Endpoint, toEp: Endpoint, sentUs: Micros, link: LinkState, payload: Payload, transmittedUs: Micros): this {
    this.time = time;
    this.id = id;
    this.fromEp = fromEp;
    this.toEp = toEp;
    this.sentUs = sentUs;
    this.linkEpoch = link.epoch;
    this.fromIncarnation = fromEp.incarnation;
    this.toIncarnation = toEp.incarnation;
    this.link = link;
    this.payload = payload;
    this.dropped = false;
    this.transmittedUs = transmittedUs;
    this.sizeBytes = 0;
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

/** What a recycled envelope holds until reused, so it keeps no payload alive. */
export const RECYCLED: Payload = { type: 'not-primary', term: 0 };
