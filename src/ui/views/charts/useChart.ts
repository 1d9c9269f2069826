import { useEffect, useRef } from 'react';
import type { RefObject } from 'react';
import { select } from 'd3-selection';
import type { Selection } from 'd3-selection';
import type { Playhead } from '../../hooks/playhead.ts';
import { viewScale } from '../scale.ts';

export const MARGIN = { top: 8, right: 10, bottom: 20, left: 44 };

export interface ChartSize {
  width: number;
  height: number;
  innerW: number;
  innerH: number;
}

type Svg = Selection<SVGSVGElement, unknown, null, undefined>;
type G = Selection<SVGGElement, unknown, null, undefined>;

/**
 * In a lesson the part of a time chart after the playhead is covered (no spoilers: a learner
 * predicting the lag peak must not see it drawn ahead). Returns the updater for the cursor's x.
 */
export function futureVeil(g: G, playhead: Playhead, innerW: number, innerH: number): (xPx: number) => void {
  const rect = g.append('rect').attr('class', 'future-veil').attr('y', -2).attr('height', innerH + 2);
  return (xPx) => {
    rect.attr('x', xPx + 1).attr('width', playhead.hideFuture ? Math.max(0, innerW - xPx) : 0);
  };
}

/**
 * The chart pattern: React owns an <svg>; `draw` renders the static picture when data or size
 * changes and returns a cursor updater that runs on every playhead move.
 */
export function useChart(
  playhead: Playhead,
  draw: (svg: Svg, size: ChartSize) => (tUs: number) => void,
  deps: unknown[],
): RefObject<SVGSVGElement | null> {
  const ref = useRef<SVGSVGElement>(null);
  useEffect(() => {
    const el = ref.current!;
    let cursor: ((tUs: number) => void) | null = null;
    /** Text, marks and margins are drawn `scale` times larger on big screens (viewScale). */
    let scale = 1;
    const render = () => {
      const box = el.parentElement!.getBoundingClientRect();
      if (box.width < 20 || box.height < 20) return;
      scale = viewScale(el);
      // The SVG fills its box; the picture is laid out in units of `scale` pixels.
      const width = box.width / scale;
      const height = box.height / scale;
      const svg = select(el).attr('width', box.width).attr('height', box.height).attr('viewBox', `0 0 ${width} ${height}`);
      svg.selectAll('*').remove();
      cursor = draw(svg, {
        width,
        height,
        innerW: width - MARGIN.left - MARGIN.right,
        innerH: height - MARGIN.top - MARGIN.bottom,
      });
      cursor(playhead.tUs);
    };
    // Clicking a time chart moves the playhead there (charts that set data-seek-domain).
    const onClick = (e: MouseEvent) => {
      const end = Number(el.dataset.seekEnd);
      if (!end) return;
      const r = el.getBoundingClientRect();
      const innerW = r.width / scale - MARGIN.left - MARGIN.right;
      const f = ((e.clientX - r.left) / scale - MARGIN.left) / innerW;
      if (f >= 0 && f <= 1) playhead.seek(f * end);
    };
    el.addEventListener('click', onClick);
    const ro = new ResizeObserver(render);
    ro.observe(el.parentElement!);
    const unsub = playhead.subscribe(() => cursor?.(playhead.tUs));
    return () => {
      ro.disconnect();
      unsub();
      el.removeEventListener('click', onClick);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [playhead, ...deps]);
  return ref;
}
