import { useEffect } from 'react';
import type { Timeline } from '../state/index.ts';
import { stepBack, stepForward } from '../components/TimeControls.tsx';
import type { Playhead } from './playhead.ts';

/** Page-wide keys: space, ← / →, + / −, Home / End, ?. Typing in a field is left alone. */
export function useKeyboard(ph: Playhead, tl: Timeline | null, helpOpen: boolean, setHelp: (v: boolean) => void): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      const el = e.target as HTMLElement | null;
      const tag = el?.tagName;
      const typing = tag === 'INPUT' && (el as HTMLInputElement).type !== 'range' || tag === 'TEXTAREA' || tag === 'SELECT';
      if (typing) return;
      if (e.key === 'Escape' && helpOpen) return setHelp(false);
      if (e.key === '?') return setHelp(!helpOpen);
      if (!tl || helpOpen) return;
      const onRange = tag === 'INPUT';
      switch (e.key) {
        case ' ':
          if (tag === 'BUTTON') return;
          e.preventDefault();
          ph.toggle();
          return;
        case 'ArrowRight':
          if (onRange) return;
          e.preventDefault();
          if (e.shiftKey) ph.seek(ph.tUs + tl.endUs / 100);
          else stepForward(ph, tl);
          return;
        case 'ArrowLeft':
          if (onRange) return;
          e.preventDefault();
          if (e.shiftKey) ph.seek(ph.tUs - tl.endUs / 100);
          else stepBack(ph, tl);
          return;
        case '+':
        case '=':
          ph.setSpeed(ph.speed * 2);
          return;
        case '-':
        case '_':
          ph.setSpeed(ph.speed / 2);
          return;
        case 'Home':
          if (onRange) return;
          ph.seek(0);
          return;
        case 'End':
          if (onRange) return;
          ph.seek(tl.endUs);
          return;
      }
    };
    // A list gives focus back once something is chosen: → then steps and Space plays, instead of
    // choosing the next entry (a keyboard user Tabs back to it to choose again).
    const onChange = (e: Event) => {
      if ((e.target as HTMLElement | null)?.tagName === 'SELECT') (e.target as HTMLSelectElement).blur();
    };
    window.addEventListener('keydown', onKey);
    window.addEventListener('change', onChange);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('change', onChange);
    };
  }, [ph, tl, helpOpen, setHelp]);
}
