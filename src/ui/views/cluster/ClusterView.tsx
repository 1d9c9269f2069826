import { useEffect, useRef } from 'react';
import { select } from 'd3-selection';
import type { Playhead } from '../../hooks/playhead.ts';
import { linkCut, recentReads } from '../../state/index.ts';
import type { ReadDone, Timeline } from '../../state/index.ts';
import { fitCanvas } from '../marks.ts';
import { clusterScale, layoutCluster, linkKey, linkPath, pointOn } from './layout.ts';
import { formatBytes, indexBacklog, queuedBytesAt } from './backlog.ts';
import type { ClusterLayout, LinkGeom } from './layout.ts';
import { drawMessages, hitMessage } from './messages.ts';
import { messageKeys } from './message-keys.ts';
import { drawPlaces, updatePlaces } from './nodes.ts';
import { updateViolations } from './violations.ts';
import { failoverIndex } from '../../state/failover.ts';
import type { WritePath } from '../../state/follow.ts';
import { followedReadsIn } from '../../state/follow.ts';
import { readAt } from '../../state/index.ts';
import { DIM_ALPHA, emphasisOf, setData } from '../follow-style.ts';
import { updateFollow } from './follow.ts';

export type Selection =
  | { kind: 'node'; id: string }
  | { kind: 'group'; id: string }
  | { kind: 'link'; a: string; b: string }
  | { kind: 'msg'; id: number }
  | null;

interface Props {
  playhead: Playhead;
  timeline: Timeline;
  selection: Selection;
  onSelect: (s: Selection) => void;
  /** The followed write (its path highlighted, the rest dimmed), or null. */
  follow?: WritePath | null;
}

/** The cluster picture. React owns the box; D3 and a canvas own what is inside it. */
export function ClusterView({ playhead, timeline, selection, onSelect, follow = null }: Props) {
  const boxRef = useRef<HTMLDivElement>(null);
  const linksRef = useRef<SVGSVGElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const nodesRef = useRef<SVGSVGElement>(null);
  const keysRef = useRef<SVGSVGElement>(null);
  const selRef = useRef(selection);
  selRef.current = selection;
  const onSelectRef = useRef(onSelect);
  onSelectRef.current = onSelect;
  const followRef = useRef(follow);
  followRef.current = follow;

  useEffect(() => {
    const box = boxRef.current!;
    let layout: ClusterLayout | null = null;
    /** The layout is in units of `scale` CSS pixels (clusterScale). */
    let scale = 1;
    const nodes = timeline.nodeIds.map((id, i) => ({ id, role: timeline.checkpoints[0].core.nodes[i].role }));
    const links = allLinks(timeline, nodes);
    const backlog = indexBacklog(timeline.trace);
    const keys = messageKeys(keysRef.current!, timeline, (id) => onSelectRef.current({ kind: 'msg', id }));

    const redraw = () => {
      const frame = playhead.frame();
      if (!frame || !layout) return;
      const sel = selRef.current;
      const path = followRef.current;
      const canvas = canvasRef.current!;
      const ctx = fitCanvas(canvas, layout.width * scale, layout.height * scale);
      ctx.scale(scale, scale);
      const drawn = drawMessages(ctx, layout, frame.inFlight, frame.tUs, sel?.kind === 'msg' ? sel.id : null, path ? (m) => emphasisOf(path, m) : undefined);
      keys.update(layout, frame.inFlight, frame.tUs, sel?.kind === 'msg' ? sel.id : null);
      // For tests and assistive tools: how many marks the followed write highlights and dims.
      setData(canvas, 'followHighlighted', String(drawn.highlighted));
      setData(canvas, 'followDimmed', String(drawn.dimmed));
      setData(canvas, 'dimAlpha', path ? String(DIM_ALPHA) : '1');
      const windowUs = Math.min(1_000_000, Math.max(2_000, playhead.speed * 700_000));
      const flashes = new Map<string, ReadDone[]>();
      // While a write is followed, the verdict badges are those of its key's reads only.
      const recent = path
        ? followedReadsIn(timeline, path, frame.tUs - windowUs, frame.tUs, 200).map((row) => readAt(timeline, row))
        : recentReads(timeline, frame.tUs, windowUs, undefined, 200);
      for (const r of recent) {
        const list = flashes.get(r.node);
        if (list) list.push(r);
        else flashes.set(r.node, [r]);
      }
      const selId = sel?.kind === 'node' || sel?.kind === 'group' ? sel.id : null;
      updatePlaces(select(nodesRef.current!).select<SVGGElement>('g.places').node()!, frame, flashes, windowUs, selId, failoverIndex(timeline));
      updateViolations(select(nodesRef.current!).select<SVGGElement>('g.places').node()!, timeline, frame.tUs, windowUs);
      updateLinks(frame.cutLinks, new Set(frame.nodes.filter((n) => !n.up).map((n) => n.id)), sel);
      updateFollow(select(nodesRef.current!).select<SVGGElement>('g.places').node()!, linksRef.current!, timeline, frame, path);
      setData(box, 'following', path ? String(path.op) : '');
      if (backlog.size > 0) updateQueues(frame.tUs);
    };

    // A send queue (links with a bandwidth) is drawn at its sender's end of the link: bytes
    // committed but not yet on the wire, which a crash of the sender would lose.
    const updateQueues = (tUs: number) => {
      select(linksRef.current!).selectAll<SVGTextElement, LinkGeom & { dir: 'ab' | 'ba' }>('text.queue').each(function (d) {
        const [from, to] = d.dir === 'ab' ? [d.a, d.b] : [d.b, d.a];
        const bytes = queuedBytesAt(backlog.get(`${from}>${to}`), tUs);
        const text = bytes >= 1 ? `▤ ${formatBytes(bytes)} queued` : '';
        if (this.textContent !== text) this.textContent = text;
      });
    };

    const updateLinks = (cut: [string, string][], down: Set<string>, sel: Selection) => {
      // Each direction is drawn as the trace's `link` records say: a one-way cut reads "a ✂→ b".
      const links = select(linksRef.current!).selectAll<SVGGElement, LinkGeom>('g.link');
      links.each(function (d) {
        const state = linkCut(cut, d.a, d.b);
        const text = state === 'both' ? '✂ cut' : state === 'a>b' ? `✂ ${d.a} → ${d.b}` : state === 'b>a' ? `✂ ${d.b} → ${d.a}` : '';
        const g = select(this).classed('cut', state !== null).classed('one-way', state === 'a>b' || state === 'b>a');
        const mark = g.select<SVGTextElement>('text.cut-mark');
        if (mark.text() !== text) mark.text(text);
      });
      links
        .classed('to-down', (d) => down.has(d.a) || down.has(d.b))
        .classed('selected', (d) => sel?.kind === 'link' && linkKey(sel.a, sel.b) === linkKey(d.a, d.b));
    };

    const relayout = () => {
      const { width, height } = box.getBoundingClientRect();
      if (width < 10 || height < 10) return;
      scale = clusterScale(width, height);
      layout = layoutCluster(nodes, timeline.groups, links, width / scale, height / scale, timeline.agents);
      for (const svg of [linksRef.current!, nodesRef.current!, keysRef.current!]) {
        select(svg).attr('width', width).attr('height', height).attr('viewBox', `0 0 ${width / scale} ${height / scale}`);
      }
      const lg = select(linksRef.current!).selectAll<SVGGElement, LinkGeom>('g.link')
        .data(layout.links, (d) => linkKey(d.a, d.b))
        .join((enter) => {
          const g = enter.append('g').attr('class', 'link');
          g.append('path').attr('class', 'hit');
          g.append('path').attr('class', 'wire');
          g.append('text').attr('class', 'cut-mark').attr('text-anchor', 'middle').attr('dy', 5).text('✂ cut');
          return g;
        })
        .attr('tabindex', 0)
        .attr('role', 'button')
        .attr('data-link', (d) => linkKey(d.a, d.b))
        .attr('aria-label', (d) => `Link ${d.a} ↔ ${d.b}: inspect, cut or heal`)
        .on('click', (_e, d) => onSelectRef.current({ kind: 'link', a: d.a, b: d.b }))
        .on('keydown', (e: KeyboardEvent, d) => {
          if (e.key === 'Enter') onSelectRef.current({ kind: 'link', a: d.a, b: d.b });
        });
      // select (not selectAll) hands the link's new geometry down to its paths.
      lg.select('path.hit').attr('d', (d) => linkPath(d));
      lg.select('path.wire').attr('d', (d) => linkPath(d));
      lg.select('text.cut-mark').attr('x', (d) => d.label.x).attr('y', (d) => d.label.y);
      if (backlog.size > 0) {
        lg.selectAll<SVGTextElement, LinkGeom & { dir: 'ab' | 'ba' }>('text.queue')
          .data((d) => [{ ...d, dir: 'ab' as const }, { ...d, dir: 'ba' as const }])
          .join((enter) => enter.append('text').attr('class', 'queue').attr('text-anchor', 'middle').attr('font-size', 11).attr('fill', 'var(--stale, #b00)')
            .attr('paint-order', 'stroke').attr('stroke', '#fff').attr('stroke-width', 3).attr('data-testid', 'link-queue'))
          .each(function (d) {
            // Near the sender: a third of the way along the curve from its end (clear of its card).
            const p = pointOn(d, d.dir === 'ab' ? d.f0 + (d.f1 - d.f0) * 0.35 : d.f1 - (d.f1 - d.f0) * 0.35);
            select(this).attr('x', p.x).attr('y', p.y - 10);
          });
      }
      const places = select(nodesRef.current!).selectAll<SVGGElement, null>('g.places').data([null]).join('g').attr('class', 'places');
      drawPlaces(places.node()!, layout, {
        onSelect: (id, kind) => onSelectRef.current({ kind, id }),
      });
      redraw();
    };

    const ro = new ResizeObserver(relayout);
    ro.observe(box);
    relayout();
    const unsub = playhead.subscribe(redraw);
    const onClick = (e: MouseEvent) => {
      const frame = playhead.frame();
      if (!frame || !layout) return;
      const r = box.getBoundingClientRect();
      const m = hitMessage(layout, frame.inFlight, frame.tUs, (e.clientX - r.left) / scale, (e.clientY - r.top) / scale);
      if (m) onSelectRef.current({ kind: 'msg', id: m.id });
    };
    box.addEventListener('click', onClick);
    return () => {
      ro.disconnect();
      unsub();
      box.removeEventListener('click', onClick);
      select(linksRef.current!).selectAll('*').remove();
      select(nodesRef.current!).selectAll('*').remove();
      select(keysRef.current!).selectAll('*').remove();
    };
  }, [playhead, timeline]);

  useEffect(() => {
    // Selection changes redraw without waiting for the playhead to move.
    playhead.refresh();
  }, [selection, follow, playhead]);

  return (
    <div className="cluster" ref={boxRef} data-testid="cluster-view">
      <svg className="layer links" ref={linksRef} aria-label="Links between clients and nodes" role="group" />
      <canvas className="layer msgs" ref={canvasRef} aria-hidden="true" />
      <svg className="layer nodes" ref={nodesRef} aria-label="Nodes and client groups" role="group" />
      {/* Focus targets for the messages on the canvas (not a .layer: exports draw the canvas instead). */}
      <svg className="msg-keys-layer" ref={keysRef} role="group" data-testid="message-keys" />
    </div>
  );
}

/** Links that carried traffic, plus primary ↔ replica and client ↔ primary even before any did. */
function allLinks(tl: Timeline, nodes: { id: string; role: string }[]): [string, string][] {
  const out = new Map<string, [string, string]>();
  const add = (a: string, b: string) => out.set(linkKey(a, b), [a, b]);
  const primary = nodes.find((n) => n.role === 'primary');
  if (primary) {
    for (const n of nodes) if (n !== primary) add(primary.id, n.id);
    for (const g of tl.groups) add(g, primary.id);
  }
  for (const [a, b] of tl.links) add(a, b);
  return [...out.values()];
}
