import { select } from 'd3-selection';
import type { Selection } from 'd3-selection';
import type { Frame, NodeView, ReadDone } from '../../state/index.ts';
import { formatUs } from '../../format.ts';
import { FRESH_COLOR, STALE_COLOR } from '../marks.ts';
import type { ClusterLayout, Place } from './layout.ts';
import { nodeStatus } from '../../state/failover.ts';
import type { FailoverIndex, NodeStatus } from '../../state/failover.ts';

const STRIP_CELLS = 24;

export interface NodeHandlers {
  onSelect: (id: string, kind: 'node' | 'group') => void;
}


/** Draws node cards and client groups into `layer`; `update` only reads the frame. */
export function drawPlaces(layer: SVGGElement, layout: ClusterLayout, handlers: NodeHandlers): void {
  const places = [...layout.places.values()];
  // Card internals depend on the size class, so a relayout rebuilds them.
  select(layer).selectAll('*').remove();
  layer.dataset.compact = String(layout.compact);
  layer.dataset.mini = String(layout.mini);
  const g = select(layer)
    .selectAll<SVGGElement, Place>('g.place')
    .data(places, (d) => d.id)
    .join((enter) => {
      const e = enter.append('g');
      e.filter((d) => d.kind === 'group').each(function () { groupGlyph(select(this)); });
      e.filter((d) => d.kind === 'node').each(function (d) { nodeCard(select(this), d); });
      e.filter((d) => d.kind === 'agent').each(function () { agentBox(select(this)); });
      // The keyboard stop is the card's background shape, not the whole card: a button's name must
      // contain its visible text (WCAG 2.5.3), and a card's text (role, lag, counts) changes as it plays.
      e.select('.card, .group-disc').attr('tabindex', 0).attr('role', 'button').classed('hit', true);
      // The failover manager has nothing to inspect: a named picture, not a Tab stop that does nothing.
      e.select('.agent-box').attr('role', 'img').classed('hit', true);
      return e;
    })
    .attr('class', (d) => `place ${d.kind}`)
    .attr('data-id', (d) => d.id);
  g.select('.hit')
    .attr('aria-label', (d) => (d.kind === 'node' ? `Node ${d.id}: inspect` : d.kind === 'group' ? `Client group ${d.id}: inspect` : `${d.id}: failover manager`));
  g
    .on('click', (_e, d) => d.kind !== 'agent' && handlers.onSelect(d.id, d.kind))
    .on('keydown', (e: KeyboardEvent, d) => {
      if (e.key === 'Enter' && d.kind !== 'agent') handlers.onSelect(d.id, d.kind);
    });
  g.filter((d) => d.kind === 'node').attr('transform', (d) => `translate(${d.x - d.w! / 2},${d.y - d.h! / 2})`).classed('mini', (d) => d.size === 'mini');
  g.filter((d) => d.kind !== 'node').attr('transform', (d) => `translate(${d.x},${d.y})`);
  g.filter((d) => d.kind === 'agent').select('text.name').text((d) => (d.id === 'manager' ? 'failover manager' : d.id));
  g.filter((d) => d.kind === 'group').select('text.name').text((d) => d.id);
  g.filter((d) => d.kind === 'node').select('text.name').text((d) => d.id);
}

function agentBox(g: Selection<SVGGElement, Place, null, undefined>): void {
  g.append('rect').attr('class', 'agent-box').attr('x', -62).attr('y', -11).attr('width', 124).attr('height', 22).attr('rx', 11);
  g.append('text').attr('class', 'name').attr('text-anchor', 'middle').attr('y', 4);
}

function groupGlyph(g: Selection<SVGGElement, Place, null, undefined>): void {
  g.append('circle').attr('class', 'group-disc').attr('r', 22);
  for (const [dx, s] of [[-6, 0.8], [6, 0.8], [0, 1]] as const) {
    g.append('circle').attr('class', 'person').attr('cx', dx).attr('cy', -6 * s).attr('r', 4.5 * s);
    g.append('path').attr('class', 'person').attr('d', `M${dx - 8 * s},${12 * s}a${8 * s},${9 * s} 0 0 1 ${16 * s},0z`);
  }
  g.append('text').attr('class', 'name').attr('y', 38).attr('text-anchor', 'middle');
  g.append('text').attr('class', 'sub').attr('y', 52).attr('text-anchor', 'middle').text('clients');
}

function nodeCard(g: Selection<SVGGElement, Place, null, undefined>, place: Place): void {
  const w = place.w!;
  const h = place.h!;
  const size = place.size ?? 'full';
  g.append('rect').attr('class', 'card').attr('width', w).attr('height', h).attr('rx', size === 'mini' ? 6 : 8);
  g.append('text').attr('class', 'name').attr('x', 8).attr('y', size === 'mini' ? 14 : 18);
  if (size === 'full') g.append('text').attr('class', 'role').attr('x', 8).attr('y', 31);
  const stripY = size === 'full' ? 37 : size === 'compact' ? 25 : 20;
  const strip = g.append('g').attr('class', 'strip').attr('transform', `translate(8,${stripY})`);
  const cw = (w - 16) / STRIP_CELLS;
  for (let i = 0; i < STRIP_CELLS; i++) strip.append('rect').attr('x', i * cw + 0.5).attr('width', cw - 1).attr('height', size === 'mini' ? 7 : 10);
  if (size === 'mini') {
    // Many replicas: name, log strip and the lag; the inspector has the rest.
    g.append('text').attr('class', 'lag').attr('x', w - 8).attr('y', 14).attr('text-anchor', 'end');
  } else {
    g.append('text').attr('class', 'term').attr('x', w - 10).attr('y', 18).attr('text-anchor', 'end');
    g.append('text').attr('class', 'pos').attr('x', 8).attr('y', size === 'full' ? 62 : 47);
    g.append('text').attr('class', 'lag').attr('x', 8).attr('y', size === 'full' ? 77 : 60);
  }
  // What the node is going through (mode, deposed, fenced), under the card: full cards only.
  if (size === 'full') {
    const pill = g.append('g').attr('class', 'status-pill').attr('transform', `translate(0,${h + 4})`);
    pill.append('rect').attr('height', 17).attr('rx', 8.5);
    pill.append('text').attr('x', w / 2).attr('y', 12.5).attr('text-anchor', 'middle');
  }
  const down = g.append('g').attr('class', 'down-badge').attr('transform', `translate(${w / 2},${h / 2})`);
  down.append('rect').attr('x', -44).attr('y', -11).attr('width', 88).attr('height', 22).attr('rx', 11);
  down.append('text').attr('text-anchor', 'middle').attr('y', 4).text('✕ CRASHED');
  // In a grid of mini cards, and right of another column of cards, the badge is smaller and
  // straddles the card's own edge, clear of its neighbour (the 14 px gap holds no 24 px disc).
  const small = size === 'mini' || place.flashLabel === false;
  const flash = g.append('g').attr('class', 'flash').classed('small', small).attr('transform', `translate(${size === 'mini' ? -4 : small ? -5 : -16},${h / 2})`);
  flash.append('circle').attr('r', 12);
  flash.append('text').attr('class', 'glyph').attr('text-anchor', 'middle').attr('y', 5);
  if (size !== 'mini' && place.flashLabel !== false) flash.append('text').attr('class', 'flash-label').attr('text-anchor', 'end').attr('x', -16).attr('y', 4);
}

/** Per-frame update: positions, role, term, health, lag and the latest read verdict per node. */
export function updatePlaces(layer: SVGGElement, frame: Frame, flashes: Map<string, ReadDone[]>, flashWindowUs: number, selected: string | null, ix?: FailoverIndex): void {
  const byId = new Map(frame.nodes.map((n) => [n.id, n]));
  const head = frame.nodes.find((n) => n.id === frame.primary)?.committedLsn ?? Math.max(0, ...frame.nodes.map((n) => n.committedLsn));
  const root = select(layer);
  root.selectAll<SVGGElement, Place>('g.place').classed('selected', (d) => d.id === selected);
  root.selectAll<SVGGElement, Place>('g.place.node').each(function (d) {
    const n = byId.get(d.id);
    if (!n) return;
    const g = select<SVGGElement, Place>(this);
    const isPrimary = frame.primary === n.id;
    g.classed('primary', isPrimary).classed('down', !n.up).classed('lagging', n.lagUs > 0).classed('ahead', !isPrimary && n.receivedLsn > head);
    const st = ix ? nodeStatus(ix, frame, n) : null;
    const role = st?.role ?? (isPrimary ? 'PRIMARY' : n.role === 'primary' ? 'FORMER PRIMARY' : 'REPLICA');
    g.classed('deposed', !!st?.staleTerm).classed('fenced', n.state === 'fenced').attr('data-status', st?.tone ?? null);
    setText(g.select('text.role'), role);
    setText(g.select('text.term'), st?.staleTerm ?? `term ${n.term}`);
    const innerW = (d.w ?? 0) - 16;
    setText(g.select('text.pos'), posText(n, isPrimary), innerW);
    const isMiniCard = d.size === 'mini';
    setText(g.select('text.lag'), isMiniCard ? miniLagText(n, head) : st?.short && (n.role === 'primary' || st.role === 'LEFT OUT' || d.size !== 'full') ? st.short : lagText(n, isPrimary, head, d.size !== 'full'), innerW, isMiniCard ? 10 : 11);
    // Not where the sentence would cover the next card (a promoted replica in a full column): the caption and the inspector say it.
    if (d.size === 'full') updatePill(g, st, d.pillRoom !== false && (n.role === 'primary' || st?.role === 'CANDIDATE' || st?.role === 'LEFT OUT'));
    g.select('g.strip').selectAll<SVGRectElement, unknown>('rect').each(function (_x, i) {
      const lsn = head - (STRIP_CELLS - 1 - i);
      const cls = lsn < 1 ? 'cell none' : lsn <= n.appliedLsn ? 'cell applied' : lsn <= n.receivedLsn ? 'cell received' : 'cell missing';
      if (this.getAttribute('class') !== cls) this.setAttribute('class', cls);
    });
    updateFlash(g, flashes.get(n.id) ?? [], frame.tUs, flashWindowUs);
  });
}

/** The sentence under a card; sized to its text (about 6.1 px per character at 10.5 px). */
function updatePill(g: Selection<SVGGElement, Place, null, undefined>, st: NodeStatus | null, show: boolean): void {
  const pill = g.select<SVGGElement>('g.status-pill');
  const text = show && st?.pill ? st.pill : '';
  pill.attr('display', text ? null : 'none').attr('data-tone', st?.tone ?? null);
  if (!text) return;
  const el = pill.select('text').node() as (SVGTextElement & { __text?: string }) | null;
  if (el && el.__text !== text) {
    setText(pill.select('text'), text);
    // Centred under the card, so the card stays the middle of the node's clickable box.
    const width = Math.round(text.length * 6.1 + 16);
    const w = Number(g.select('rect.card').attr('width'));
    pill.select('rect').attr('width', width).attr('x', (w - width) / 2);
  }
}

function miniLagText(n: NodeView, head: number): string {
  if (n.receivedLsn > head) return `+${n.receivedLsn - head} ahead`;
  if (n.lagUs > 0) return `lag ${formatUs(n.lagUs)}`;
  return head > n.appliedLsn ? `${head - n.appliedLsn} behind` : 'lag 0';
}

/**
 * Positions are exact at the playhead (entries behind the primary's log head); lag is the
 * report's lag series, sampled every report interval, so a short lag between samples shows
 * as entries behind with no lag figure.
 */
function lagText(n: NodeView, isPrimary: boolean, head: number, compact: boolean): string {
  if (isPrimary) return compact ? 'PRIMARY · takes the writes' : 'takes the writes';
  // An old primary can hold entries the new one never got: they will be rolled back.
  if (n.receivedLsn > head) return `${n.receivedLsn - head} entries the primary lacks`;
  const behind = Math.max(0, head - n.appliedLsn);
  if (n.lagUs > 0) return `lag ${formatUs(n.lagUs)} · ${behind} behind`;
  if (behind > 0) return `${behind} behind`;
  return 'caught up (lag 0)';
}

function posText(n: NodeView, isPrimary: boolean): string {
  // Writes queued behind an earlier write to the same row (lock.wait records): under sync or
  // semi-sync the lock is held until the replicas acknowledge, so this is where hot rows queue.
  if (isPrimary) return `committed LSN ${n.committedLsn}${n.lockWaits > 0 ? ` · ${n.lockWaits} wait on row locks` : ''}`;
  // The queue between them shows as amber cells in the strip; the inspector gives the count.
  return `applied ${n.appliedLsn} · received ${n.receivedLsn}`;
}

function updateFlash(g: Selection<SVGGElement, Place, null, undefined>, reads: ReadDone[], tUs: number, windowUs: number): void {
  const f = g.select<SVGGElement>('g.flash');
  const latest = reads[0];
  if (!latest) {
    f.attr('opacity', 0);
    return;
  }
  const age = Math.max(0, tUs - latest.tUs) / Math.max(1, windowUs);
  const stale = reads.filter((r) => r.stale).length;
  f.attr('opacity', Math.max(0.25, 1 - age)).classed('stale', latest.stale).attr('data-verdict', latest.stale ? 'stale' : 'fresh');
  f.select('circle').attr('fill', latest.stale ? STALE_COLOR : FRESH_COLOR);
  // A new verdict pops: the badge is larger just after the serve and settles as simulated time
  // passes. A function of t, not a wall-clock transition, so stepping back shows the same picture.
  const r = f.classed('small') ? 9 : 12;
  f.select('circle').attr('r', (r + 3 * Math.max(0, 1 - age * 4)).toFixed(1));
  setText(f.select('text.glyph'), latest.stale ? '✗' : '✓');
  // Short, so it never runs into the primary's card; the inspector lists every read.
  const label = latest.stale ? `stale, ${latest.versionsBehind} behind` : 'fresh';
  const more = !latest.stale && stale > 0 ? `; ${stale} stale just before` : '';
  setText(f.select('text.flash-label'), label + more);
  f.select('text.flash-label').attr('fill', latest.stale ? STALE_COLOR : FRESH_COLOR);
}

/**
 * Sets text only when it changes: per-frame DOM writes of equal text still cost a relayout.
 * With `maxPx`, a line estimated wider than that (six-digit LSNs on a narrow card: "applied
 * 104566 · received 104566") gets a smaller font so it stays inside its card instead of
 * running over the border and the links beside it. The width is estimated from the length
 * (PX_PER_CHAR at 11 px), not measured: measuring text on every frame would force a layout
 * per card.
 */
function setText(sel: { node(): unknown }, text: string, maxPx?: number, basePx = 11): void {
  const el = sel.node() as (SVGElement & { __text?: string }) | null;
  if (!el || el.__text === text) return;
  el.textContent = text;
  el.__text = text;
  if (maxPx === undefined) return;
  const estPx = (text.length * PX_PER_CHAR * basePx) / 11;
  el.style.fontSize = estPx > maxPx ? `${Math.max(8, Math.floor(((basePx * maxPx) / estPx) * 10) / 10)}px` : '';
}

/**
 * About how wide a character of an 11 px card line is: "applied 2468 · received 2468" (28
 * characters) measures 160 px in Chromium, 5.7 px each; 5.9 leaves room for bold lag lines.
 */
const PX_PER_CHAR = 5.9;
