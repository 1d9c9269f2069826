import { useEffect, useRef, useState } from 'react';
import { axisBottom } from 'd3-axis';
import { linear } from '../linear.ts';
import { select } from 'd3-selection';
import type { Playhead } from '../../hooks/playhead.ts';
import { messagesInWindow, recentReads } from '../../state/index.ts';
import type { Msg, ReadDone, Timeline } from '../../state/index.ts';
import { formatUs } from '../../format.ts';
import { fitCanvas } from '../marks.ts';
import { viewScale } from '../scale.ts';
import type { Selection } from '../cluster/ClusterView.tsx';
import { drawSpaceTime, hitArrow } from './draw.ts';
import { drawRouting } from './routing.ts';
import { drawLost } from './lost.ts';
import { failoverIndex } from '../../state/failover.ts';
import type { SpaceTimeGeom } from './draw.ts';
import type { WritePath } from '../../state/follow.ts';
import { DIM_ALPHA, emphasisOf, setData } from '../follow-style.ts';
import { drawFollowEvents } from './follow.ts';

const WINDOWS_US = [1_000, 5_000, 20_000, 100_000, 500_000, 1_000_000, 2_000_000, 10_000_000];
const LEFT_PX = 92;
const AXIS_PX = 22;
/** Room right of the window for half of its last tick's label ("+20 ms"), which was cut off at the edge. */
const RIGHT_PX = 24;

interface Props {
  playhead: Playhead;
  timeline: Timeline;
  selection: Selection;
  onSelect: (s: Selection) => void;
  /** The followed write (its path highlighted, the rest dimmed), or null. */
  follow?: WritePath | null;
}

/** Auto window: about a wall-clock second of playback, snapped to a fixed set, at most 1 s. */
function autoWindow(speed: number): number {
  const want = Math.min(1_000_000, speed * 1_000_000);
  return WINDOWS_US.find((w) => w >= want) ?? WINDOWS_US[WINDOWS_US.length - 1];
}

/** Space-time diagram: a lane per node and client group, an arrow per message near the playhead. */
export function SpaceTime({ playhead, timeline, selection, onSelect, follow = null }: Props) {
  const boxRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const axisRef = useRef<SVGSVGElement>(null);
  const [windowChoice, setWindowChoice] = useState<number | 'auto'>('auto');
  const [showReads, setShowReads] = useState(true);
  const selRef = useRef(selection);
  selRef.current = selection;
  const followRef = useRef(follow);
  followRef.current = follow;

  useEffect(() => {
    const box = boxRef.current!;
    const lanesIds = [...timeline.agents, ...timeline.groups.slice(0, 1), ...timeline.nodeIds, ...timeline.groups.slice(1)];
    let geom: SpaceTimeGeom | null = null;
    /** In units of `scale` CSS pixels (viewScale): text and marks grow on big screens. */
    let size = { width: 0, height: 0 };
    let scale = 1;
    let shown: ReturnType<typeof messagesInWindow> = [];
    const redraw = () => {
      const { width, height } = size;
      if (width < 10) return;
      const t = playhead.tUs;
      const w = windowChoice === 'auto' ? autoWindow(playhead.speed) : windowChoice;
      // The window's width, for the video export's "the space-time window" range.
      setData(box, 'windowUs', String(w));
      const x = linear([t - w * 0.8, t + w * 0.2], [LEFT_PX, width - RIGHT_PX]);
      const laneH = (height - AXIS_PX - 12) / lanesIds.length;
      const y = new Map(lanesIds.map((id, i) => [id, 12 + laneH * (i + 0.5)]));
      geom = { x, lanes: { ids: lanesIds, y }, width, height: height - AXIS_PX, left: LEFT_PX };
      shown = messagesInWindow(timeline, t - w * 0.8, t)
        .filter((m) => showReads || (m.kind !== 'read' && m.kind !== 'read-reply'))
        .slice(-8000);
      const sel = selRef.current;
      const canvas = canvasRef.current!;
      const ctx = fitCanvas(canvas, width * scale, (height - AXIS_PX) * scale);
      ctx.scale(scale, scale);
      const path = followRef.current;
      const follow = path ? { emphasis: (m: Msg) => emphasisOf(path, m), keyRead: (r: ReadDone) => r.key === path.key && r.tUs >= path.issueUs } : undefined;
      const drawn = drawSpaceTime(ctx, geom, shown, showReads ? recentReads(timeline, t, w * 0.8, undefined, 400) : [], t, sel?.kind === 'msg' ? sel.id : null, follow);
      if (showReads && !path) drawRouting(ctx, geom, timeline, t, t - w * 0.8);
      drawLost(ctx, geom, shown, failoverIndex(timeline), t, t - w * 0.8);
      const events = path ? drawFollowEvents(ctx, geom, path, t, t - w * 0.8) : 0;
      // For tests and assistive tools: what the followed write highlights and dims.
      setData(canvas, 'following', path ? String(path.op) : '');
      setData(canvas, 'followHighlighted', String(drawn.highlighted));
      setData(canvas, 'followDimmed', String(drawn.dimmed));
      setData(canvas, 'dimAlpha', path ? String(DIM_ALPHA) : '1');
      setData(canvas, 'followEvents', String(events));
      // Lane names and the now line in the page's ink (dark in light mode, light in dark mode).
      const ink = getComputedStyle(canvas).getPropertyValue('--ink').trim() || '#0f172a';
      ctx.fillStyle = ink;
      ctx.font = `${laneH < 16 ? 10 : 12}px system-ui, sans-serif`;
      for (const id of lanesIds) ctx.fillText(id, 6, y.get(id)! + 4);
      ctx.strokeStyle = ink;
      ctx.lineWidth = 1.5;
      ctx.beginPath();
      ctx.moveTo(x(t), 0);
      ctx.lineTo(x(t), height - AXIS_PX);
      ctx.stroke();
      // The axis reads time relative to now, so its ticks land on round offsets.
      const rel = linear([-w * 0.8, w * 0.2], [LEFT_PX, width - RIGHT_PX]);
      const axis = axisBottom(rel).ticks(Math.max(2, Math.floor(width / 110))).tickFormat((d) => (Number(d) === 0 ? 'now' : `${Number(d) > 0 ? '+' : ''}${formatUs(Number(d))}`));
      select(axisRef.current!).attr('width', width * scale).attr('height', AXIS_PX * scale).attr('viewBox', `0 0 ${width} ${AXIS_PX}`).selectAll<SVGGElement, null>('g').data([null]).join('g').call(axis);
    };
    const ro = new ResizeObserver(() => {
      const r = box.getBoundingClientRect();
      scale = viewScale(box);
      size = { width: r.width / scale, height: r.height / scale };
      redraw();
    });
    ro.observe(box);
    const unsub = playhead.subscribe(redraw);
    const onClick = (e: MouseEvent) => {
      if (!geom) return;
      const r = canvasRef.current!.getBoundingClientRect();
      const m = hitArrow(geom, shown, playhead.tUs, (e.clientX - r.left) / scale, (e.clientY - r.top) / scale);
      if (m) onSelect({ kind: 'msg', id: m.id });
    };
    canvasRef.current!.addEventListener('click', onClick);
    const canvas = canvasRef.current!;
    return () => {
      ro.disconnect();
      unsub();
      canvas.removeEventListener('click', onClick);
    };
  }, [playhead, timeline, windowChoice, showReads, onSelect]);

  useEffect(() => {
    // Following another write redraws without waiting for the playhead to move.
    playhead.refresh();
  }, [follow, playhead]);

  return (
    <section className="panel spacetime-panel" aria-label="Space-time diagram">
      <header>
        <h2>Space-time diagram</h2>
        <span className="hint">time →, dark line = now</span>
        <span className="spacer" />
        <label className="check">
          <input type="checkbox" checked={showReads} onChange={(e) => setShowReads(e.target.checked)} /> reads
        </label>
        <label>
          window{' '}
          <select value={String(windowChoice)} onChange={(e) => setWindowChoice(e.target.value === 'auto' ? 'auto' : Number(e.target.value))} aria-label="Space-time window width">
            <option value="auto">auto</option>
            {WINDOWS_US.map((w) => (
              <option key={w} value={w}>{formatUs(w)}</option>
            ))}
          </select>
        </label>
      </header>
      <div className="spacetime" ref={boxRef} data-testid="spacetime">
        <canvas ref={canvasRef} aria-label="Messages as arrows between lanes; click an arrow to inspect it" role="img" />
        <svg ref={axisRef} className="axis" aria-hidden="true" />
      </div>
    </section>
  );
}
