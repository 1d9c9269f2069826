import { select } from 'd3-selection';
import type { Msg, Timeline } from '../../state/index.ts';
import { writeOfMessage } from '../../state/follow.ts';
import { formatClock } from '../../format.ts';
import { linksByKey, messagePoint } from './messages.ts';
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
  let order: number[] = [];
  const svg = select(layer);
  const targets = svg.selectAll<SVGGElement, null>('g.msg-keys').data([null]).join('g').attr('class', 'msg-keys');

  const focusOn = (id: number | null) => {
    active = id;
    if (id !== null) activeSendUs = Number(layer.querySelector<SVGElement>(`[data-msg="${id}"]`)?.dataset.send ?? activeSendUs);
    const el = id === null ? layer : layer.querySelector<SVGElement>(`[data-msg="${id}"]`);
    targets.selectAll<SVGCircleElement, Msg>('circle').attr('tabindex', (d) => (d.id === active ? 0 : -1));
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

  const update = (layout: ClusterLayout, msgs: Msg[], tUs: number, selectedMsg: number | null) => {
    const byKey = linksByKey(layout);
    const at = new Map<number, { x: number; y: number }>();
    const shown: Msg[] = [];
    for (const m of msgs) {
      const p = messagePoint(byKey, m, tUs);
      if (!p) continue;
      at.set(m.id, p);
      shown.push(m);
    }
    shown.sort((a, b) => a.sendUs - b.sendUs || a.id - b.id);
    order = shown.map((m) => m.id);
    const focused = document.activeElement;
    const focusedMsg = focused instanceof SVGElement && focused.dataset.msg !== undefined && layer.contains(focused);
    // The Tab stop stays on its message while that is in flight. Then, if a message had focus,
    // it moves to the one sent next after it (focus moves on as messages arrive); otherwise to
    // the selected message, else the first.
    if (active === null || !at.has(active)) {
      const next = focusedMsg ? shown.find((m) => m.sendUs > activeSendUs || (m.sendUs === activeSendUs && m.id > (active ?? -1))) ?? shown.at(-1) : undefined;
      active = (next ?? (selectedMsg !== null && at.has(selectedMsg) ? shown.find((m) => m.id === selectedMsg) : shown[0]))?.id ?? null;
    }
    activeSendUs = shown.find((m) => m.id === active)?.sendUs ?? activeSendUs;
    targets
      .selectAll<SVGCircleElement, Msg>('circle')
      .data(shown, (d) => d.id)
      .join((enter) => enter.append('circle').attr('class', 'msg-key').attr('r', 9).attr('role', 'button')
        .attr('data-msg', (d) => d.id).attr('data-send', (d) => d.sendUs).attr('aria-label', (d) => `Message: ${messageName(timeline, d)}`)
        .on('keydown', onKey)
        .on('click', (_e, d) => onSelect(d.id)))
      .attr('tabindex', (d) => (d.id === active ? 0 : -1))
      .classed('selected', (d) => d.id === selectedMsg)
      .attr('cx', (d) => at.get(d.id)!.x)
      .attr('cy', (d) => at.get(d.id)!.y);
    // With nothing in flight the layer itself is the Tab stop and says so.
    layer.setAttribute('tabindex', active === null ? '0' : '-1');
    layer.setAttribute('aria-label', active === null ? 'Messages in flight: none at this moment' : `Messages in flight: ${order.length}. Arrow keys move between them, Enter inspects one`);
    // A focused message that arrived (its element is gone) hands focus on, so a keyboard user
    // is not dropped back to the start of the page.
    if (focusedMsg && !focused.isConnected) focusOn(active);
  };

  return { update };
}
