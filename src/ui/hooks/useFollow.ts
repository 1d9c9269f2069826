import { useCallback, useEffect, useState } from 'react';
import { msgAt, msgIndexById } from '../state/index.ts';
import type { Timeline } from '../state/index.ts';
import { writeOfMessage } from '../state/follow.ts';
import type { WritePath } from '../state/follow.ts';

export interface Follow {
  /** The followed write's path, or null. */
  path: WritePath | null;
  follow: (op: number) => void;
  /** Follows the write a message belongs to (write, write ack, log entry); false if it has none. */
  followMessage: (id: number) => boolean;
  clear: () => void;
}

/**
 * Which write the learner follows. Kept per scenario: a what-if re-run of the same scenario
 * keeps following the same write (if the new run has it); opening another scenario clears it.
 * Esc clears it too, unless a dialog is open (Esc is the dialog's) or focus is in a field.
 * The index is loaded on first use (state/follow-index.ts), so the first view does not fetch it.
 */
export function useFollow(tl: Timeline | null): Follow {
  const [chosen, setChosen] = useState<{ op: number; scenario: string } | null>(null);
  const [path, setPath] = useState<WritePath | null>(null);
  useEffect(() => {
    if (!tl || !chosen || chosen.scenario !== tl.scenario) {
      setPath(null);
      return;
    }
    let live = true;
    void import('../state/follow-index.ts').then((m) => {
      if (live) setPath(m.followWrite(tl, chosen.op));
    });
    return () => {
      live = false;
    };
  }, [tl, chosen]);
  const follow = useCallback((op: number) => {
    if (tl) setChosen({ op, scenario: tl.scenario });
  }, [tl]);
  const clear = useCallback(() => setChosen(null), []);
  const followMessage = useCallback((id: number) => {
    if (!tl) return false;
    const mi = msgIndexById(tl, id);
    const op = mi >= 0 ? writeOfMessage(tl, msgAt(tl, mi)) : null;
    if (op !== null) setChosen({ op, scenario: tl.scenario });
    return op !== null;
  }, [tl]);
  const following = path !== null;
  useEffect(() => {
    if (!following) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || e.defaultPrevented) return;
      const el = e.target as HTMLElement | null;
      const tag = el?.tagName;
      if ((tag === 'INPUT' && (el as HTMLInputElement).type !== 'range') || tag === 'TEXTAREA' || tag === 'SELECT') return;
      if (document.querySelector('[role=dialog]')) return;
      setChosen(null);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [following]);
  return { path, follow, followMessage, clear };
}
