import { select } from 'd3-selection';
import type { Msg, Timeline } from '../../state/index.ts';
import { writeOfMessage } from '../../state/follow.ts';
import { formatClock } from '../../format.ts';
import { linksByKey, messagePoint } from './messages.ts';
import { linkKey } from './layout.ts';
import type { ClusterLayout } from './layout.ts';

/**
 * Messages in flight for the keyboard and screen readers. The marks are drawn on a canvas,
 * which has no elements to focus; this SVG layer above it holds one invisible focus target per
 * message (at the mark's place, so the focus ring circles it), named from the message's trace
 * record. It is one Tab stop (a roving tabindex): arrow keys move between messages in send
 * order, Home / End go to the first / last, Enter inspects the message as a click does.
 */
export interface MessageKeys {
  update: (layout: ClusterLayout, msgs: Msg[], tUs: number, selectedMsg: number | null) => void;
}

/** "write #12, app-east → db-1, sent 1.234000 s, arrives 1.235000 s": from the `msg` record (and, for a log entry, the `write.commit` of its LSN). */
export function messageName(tl: Timeline, m: Msg): string {
  const write = writeOfMessage(tl, m);
  const what =
    m.kind === 'write' || m.kind === 'write-ack' ? `${m.kind === 'write' ? 'write' : 'write ack'} #${m.op ?? '?'}`
    : m.kind === 'log' ? `log entry LSN ${m.lsn ?? '?'}${write !== null ? ` of write #${write}` : ''}`
    : m.kind === 'repl-ack' ? `replica ack up to LSN ${m.lsn ?? '?'}`
    : m.kind === 'read' || m.kind === 'read-reply' ? `${m.kind === 'read' ? 'read' : 'read reply'} #${m.op ?? '?'}${m.key !== undefined ? ` of key ${m.key}` : ''}`
    : `${m.kind} message`;
  const end = m.dropReason ? `dropped ${formatClock(m.endUs)} (${m.dropReason})` : `arrives ${formatClock(m.deliverUs)}`;
  return `${what}, ${m.from} → ${m.to}, sent ${formatClock(m.sendUs)}, ${end}`;
}

export function messageKeys(layer: SVGSVGElement, timeline: Timeline, onSelect: (id: number) => void): MessageKeys {
  /** The message that holds the layer's Tab stop. */
  let active: number | null = null;
  /** When the active message was sent: where focus goes on once it has arrived. */
  let activeSendUs = -1;
  /** Message ids in send order, and when each was sent (as of the last update). */
  let order: number[] = [];
  const sendOf = new Map<number, number>();
  /**
   * Whether every message has a target. A busy run has thousands in flight (3,600 in the
   * async-failover lesson); keeping a target for each on every frame would cost the playback
   * its frame budget, so until focus enters the layer only the Tab stop's message has one.
   */
  let expanded = false;
  let last: [ClusterLayout, Msg[], number, number | null] | null = null;
  let updating = false;
  const svg = select(layer);
  const targets = svg.selectAll<SVGGElement, null>('g.msg-keys').data([null]).join('g').attr('class', 'msg-keys');

  const focusOn = (id: number | null) => {
    active = id;
    if (id !== null) activeSendUs = sendOf.get(id) ?? activeSendUs;
    targets.selectAll<SVGCircleElement, Msg>('circle').attr('tabindex', (d) => (d.id === active ? 0 : -1));
    const el = id === null ? layer : layer.querySelector<SVGElement>(`[data-msg="${id}"]`);
    el?.focus();
  };

  const onKey = (e: KeyboardEvent, d: Msg) => {
    const i = order.indexOf(d.id);
    const to =
      e.key === 'ArrowRight' || e.key === 'ArrowDown' ? Math.min(order.length - 1, i + 1)
      : e.key === 'ArrowLeft' || e.key === 'ArrowUp' ? Math.max(0, i - 1)
      : e.key === 'Home' ? 0
      : e.key === 'End' ? order.length - 1
      : null;
    if (e.key === 'Enter') {
      e.preventDefault();
      onSelect(d.id);
      return;
    }
    if (to === null) return;
    // These keys step time elsewhere on the page; here they move between messages.
    e.preventDefault();
    e.stopPropagation();
    focusOn(order[to]);
  };

  // On the layer itself (nothing was in flight when it got focus): the same keys enter the messages.
  layer.addEventListener('keydown', (e) => {
    if (e.target !== layer || active === null || !['ArrowRight', 'ArrowDown', 'ArrowLeft', 'ArrowUp', 'Home', 'End', 'Enter'].includes(e.key)) return;
    e.preventDefault();
    e.stopPropagation();
    focusOn(active);
  });
  // Focus coming in gives every message its target at once (the focused one keeps its element).
  layer.addEventListener('focusin', () => {
    if (expanded) return;
    expanded = true;
    if (last && !updating) update(...last);
  });
  // Focus leaving for the rest of the page: the next update keeps only the Tab stop's target.
  layer.addEventListener('focusout', (e) => {
    if ((e.target as Element).isConnected && !layer.contains(e.relatedTarget as Node | null)) expanded = false;
  });

  const update = (layout: ClusterLayout, msgs: Msg[], tUs: number, selectedMsg: number | null) => {
    last = [layout, msgs, tUs, selectedMsg];
    updating = true;
    try {
      draw(layout, msgs, tUs, selectedMsg);
    } finally {
      updating = false;
    }
  };

  const draw = (layout: ClusterLayout, msgs: Msg[], tUs: number, selectedMsg: number | null) => {
    const byKey = linksByKey(layout);
    // Messages whose link is drawn, in send order.
    const shown = msgs.filter((m) => byKey.has(linkKey(m.from, m.to))).sort((a, b) => a.sendUs - b.sendUs || a.id - b.id);
    order = shown.map((m) => m.id);
    sendOf.clear();
    for (const m of shown) sendOf.set(m.id, m.sendUs);
    const focused = document.activeElement;
    const focusedMsg = focused instanceof SVGElement && focused.dataset.msg !== undefined && layer.contains(focused);
    // The Tab stop stays on its message while that is in flight. Then, if a message had focus,
    // it moves to the one sent next after it (focus moves on as messages arrive); otherwise to
    // the selected message, else the first.
    if (active === null || !sendOf.has(active)) {
      const next = focusedMsg ? shown.find((m) => m.sendUs > activeSendUs || (m.sendUs === activeSendUs && m.id > (active ?? -1))) ?? shown.at(-1) : undefined;
      active = (next ?? (selectedMsg !== null && sendOf.has(selectedMsg) ? shown.find((m) => m.id === selectedMsg) : shown[0]))?.id ?? null;
    }
    activeSendUs = active !== null ? sendOf.get(active)! : activeSendUs;
    const withTargets = expanded ? shown : shown.filter((m) => m.id === active);
    targets
      .selectAll<SVGCircleElement, Msg>('circle')
      .data(withTargets, (d) => d.id)
      .join((enter) => enter.append('circle').attr('class', 'msg-key').attr('r', 9).attr('role', 'button')
        .attr('data-msg', (d) => d.id).attr('aria-label', (d) => `Message: ${messageName(timeline, d)}`)
        .on('keydown', onKey)
        .on('click', (_e, d) => onSelect(d.id)))
      .attr('tabindex', (d) => (d.id === active ? 0 : -1))
      .classed('selected', (d) => d.id === selectedMsg)
      .each(function (d) {
        const p = messagePoint(byKey, d, tUs)!;
        this.setAttribute('cx', String(p.x));
        this.setAttribute('cy', String(p.y));
      });
    // With nothing in flight the layer itself is the Tab stop and says so.
    layer.setAttribute('tabindex', active === null ? '0' : '-1');
    layer.setAttribute('aria-label', active === null ? 'Messages in flight: none at this moment' : `Messages in flight: ${order.length}. Arrow keys move between them, Enter inspects one`);
    // A focused message that arrived (its element is gone) hands focus on, so a keyboard user
    // is not dropped back to the start of the page.
    if (focusedMsg && !focused.isConnected) focusOn(active);
  };

  return { update };
}
