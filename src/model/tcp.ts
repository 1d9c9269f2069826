import type { Rng } from '../sim/rng.ts';

/**
 * TCP's retransmission, as Linux does it, for a message lost on a link with a loss rate: the
 * segment is resent after a retransmission timeout (RTO), the timeout doubles for each further
 * loss of the same segment, and the stream keeps its order, so what was sent after the lost
 * segment waits for it (head-of-line blocking). Loss delays a message; it does not break the
 * connection (until the retries run out).
 *
 * - RFC 6298 §2: RTO = SRTT + max(G, 4·RTTVAR); §5.5: back off the timer (RTO × 2) at each
 *   retransmission; §2.5: a maximum of at least 60 s may be placed on it.
 * - Linux keeps RTTVAR at least TCP_RTO_MIN (200 ms, include/net/tcp.h; `rto_min` per route), so
 *   its RTO on a stable path is SRTT + 200 ms (net/ipv4/tcp_input.c tcp_rtt_estimator and
 *   tcp_set_rto), doubles in tcp_retransmit_timer (net/ipv4/tcp_timer.c) up to TCP_RTO_MAX =
 *   120 s, and gives up after tcp_retries2 = 15 retransmissions (Documentation/networking/ip-sysctl.rst).
 *
 * Not modelled: fast retransmit after three duplicate ACKs (RFC 5681 §3.2) and tail loss probes,
 * which recover sooner when more segments follow the lost one; so this is the slow path, an
 * upper bound on what a loss costs. A message is one segment (a 1 KB entry fits one MSS), and
 * its retransmitted copy takes no bandwidth again (a small error at low loss rates). SRTT is
 * taken as twice the link's mean one-way latency (the smoothed estimate of a steady link).
 */

/** Linux TCP_RTO_MAX: the backed-off timeout never exceeds 120 s. */
export const TCP_RTO_MAX_US = 120_000_000;
/** Linux net.ipv4.tcp_retries2 default: after 15 retransmissions the connection is broken. */
export const TCP_RETRIES2 = 15;

/** The first retransmission timeout on a link: SRTT + rtoMin, SRTT taken as twice the mean one-way latency. */
export function initialRtoUs(meanOneWayUs: number, rtoMinUs: number): number {
  return Math.min(TCP_RTO_MAX_US, Math.round(2 * meanOneWayUs) + rtoMinUs);
}

/**
 * How much later a message arrives because of retransmissions: each attempt is lost with
 * probability `loss`; the k-th retransmission goes out RTO·2^(k-1) after the one before.
 * Returns -1 when every attempt up to tcp_retries2 was lost (the connection breaks).
 */
export function retransmissionDelayUs(loss: number, rtoUs: number, rng: Rng): number {
  let delay = 0;
  let rto = rtoUs;
  for (let attempt = 0; rng() < loss; attempt++) {
    if (attempt === TCP_RETRIES2) return -1;
    delay += rto;
    rto = Math.min(rto * 2, TCP_RTO_MAX_US);
  }
  return delay;
}
