import type { LoadedRun } from './hooks/useSimulation.ts';
import type { Playhead } from './hooks/playhead.ts';

declare global {
  interface Window {
    /** Read-only handle for the browser tests (and curious learners in the console). */
    __repsim?: {
      playhead: Playhead;
      run: () => LoadedRun | null;
    };
  }
}

export function exposeForTests(playhead: Playhead, run: () => LoadedRun | null): void {
  window.__repsim = { playhead, run };
}
