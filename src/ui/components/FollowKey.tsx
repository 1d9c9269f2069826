import { createContext, useContext } from 'react';
import type { Follow } from '../hooks/useFollow.ts';

/** The page's follow state, for lists deep in the inspector (no prop threading through every table). */
export const FollowContext = createContext<Follow | null>(null);

/**
 * A key or write in an inspector list as a button that follows the write: `op` is that write
 * (a log row's entry, the write a read returned), resolved by the caller from the trace.
 */
export function FollowKey({ op, children, what }: { op: number | null; children: React.ReactNode; what: string }) {
  const follow = useContext(FollowContext);
  if (op === null || !follow) return <>{children}</>;
  return (
    <button type="button" className="follow-key" onClick={() => follow.follow(op)} title={`Follow ${what} (write #${op})`} aria-label={`Follow ${what}, write #${op}`} data-testid="follow-key">
      {children}
    </button>
  );
}
