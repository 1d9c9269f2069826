import { useEffect } from 'react';
import type { Playhead } from '../hooks/playhead.ts';

/**
 * One playhead for two runs: the second side's playhead follows the page's (time and speed),
 * clamped to its own run's end. Only the page's playhead plays; the follower is moved.
 * `version` changes when the follower gets a new run, which resets it, so it syncs again.
 */
export function useFollower(lead: Playhead, follower: Playhead, version: unknown): void {
  useEffect(() => {
    const sync = () => {
      follower.speed = lead.speed;
      follower.hideFuture = lead.hideFuture;
      if (follower.timeline && follower.tUs !== Math.min(lead.tUs, follower.timeline.endUs)) follower.seek(lead.tUs);
    };
    sync();
    return lead.subscribe(sync);
  }, [lead, follower, version]);
}
