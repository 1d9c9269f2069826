import { useEffect, useState } from 'react';
import type { Playhead } from './playhead.ts';

/**
 * Re-renders a React component when the playhead changes, at most every `intervalMs`
 * while playing (text panels need not redraw at 60 fps; D3 views subscribe directly).
 */
export function usePlayheadTick(ph: Playhead, intervalMs = 100): number {
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let last = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const unsub = ph.subscribe(() => {
      const now = performance.now();
      if (!ph.playing || now - last >= intervalMs) {
        last = now;
        clearTimeout(timer);
        timer = undefined;
        setTick((x) => x + 1);
      } else if (!timer) {
        timer = setTimeout(() => {
          timer = undefined;
          last = performance.now();
          setTick((x) => x + 1);
        }, intervalMs);
      }
    });
    return () => {
      unsub();
      clearTimeout(timer);
    };
  }, [ph, intervalMs]);
  return tick;
}
