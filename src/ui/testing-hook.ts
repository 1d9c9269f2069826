import type { TraceRecord } from '../model/trace.ts';
import type { LoadedRun } from './hooks/useSimulation.ts';
import type { Playhead } from './hooks/playhead.ts';
import { allMsgs, allRecords, readAt } from './state/index.ts';
import type { Msg, ReadDone } from './state/index.ts';

declare global {
  interface Window {
    /** Read-only handle for the browser tests (and curious learners in the console). */
    __repsim?: {
      playhead: Playhead;
      run: () => LoadedRun | null;
      /** The run's trace records, decoded from the columns (a long run has a million: slow). */
      records: () => TraceRecord[];
      msgs: () => Msg[];
      reads: () => ReadDone[];
    };
  }
}

export function exposeForTests(playhead: Playhead, run: () => LoadedRun | null): void {
  const tl = () => run()?.timeline;
  window.__repsim = {
    playhead,
    run,
    records: () => (tl() ? allRecords(tl()!) : []),
    msgs: () => (tl() ? allMsgs(tl()!) : []),
    reads: () => {
      const t = tl();
      return t ? Array.from({ length: t.reads.count }, (_, i) => readAt(t, i)) : [];
    },
  };
}
