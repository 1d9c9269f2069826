import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Inspector } from '../components/Inspector.tsx';
import type { WhatIf } from '../components/Inspector.tsx';
import { Knobs } from '../components/Knobs.tsx';
import { readFileAsText } from '../components/ScenarioPanel.tsx';
import { Playhead } from '../hooks/playhead.ts';
import { useSimulation } from '../hooks/useSimulation.ts';
import type { LoadedRun } from '../hooks/useSimulation.ts';
import type { Doc } from '../scenarios/edit.ts';
import { whatIfDocument } from '../scenarios/what-if.ts';
import { ClusterView } from '../views/cluster/ClusterView.tsx';
import type { Selection } from '../views/cluster/ClusterView.tsx';
import type { RunSource } from '../worker/protocol.ts';
import { RunStatus } from '../components/RunStatus.tsx';
import type { RunStatus as Status } from '../hooks/runStatus.ts';
import { CompareSummary } from './CompareSummary.tsx';
import { useFollower } from './follow.ts';
import './compare.css';

type Side = 'A' | 'B';

interface Props {
  playhead: Playhead;
  /** Side A: the page's own run. */
  run: LoadedRun;
  busy: boolean;
  onWhatIf: (w: WhatIf) => void;
  onRunDocument: (doc: Doc) => void;
  onClose: () => void;
}

/** What B starts as: a copy of A, or another built-in scenario. */
const COPY_OF_A = '';

/**
 * Two setups side by side on one seed and one playhead. Side A is the page's run; side B runs
 * in a second engine worker (the page never runs the engine). A what-if or a knobs edit goes to
 * the side being edited, which is named above the controls.
 */
export default function CompareView({ playhead, run, busy, onWhatIf, onRunDocument, onClose }: Props) {
  const follower = useMemo(() => new Playhead(), []);
  const b = useSimulation(follower);
  useFollower(playhead, follower, b.run);
  const [editing, setEditing] = useState<Side>('B');
  const [selA, setSelA] = useState<Selection>(null);
  const [selB, setSelB] = useState<Selection>(null);
  const [origin, setOrigin] = useState(COPY_OF_A);
  const fileRef = useRef<HTMLInputElement>(null);
  const seed = run.report.seed;

  // B runs on A's seed, whatever its file says: the same users on both sides.
  const requestB = useCallback((source: RunSource) => b.request({ ...source, seed }, true), [b.request, seed]);

  const copyA = useCallback(() => {
    setOrigin(COPY_OF_A);
    requestB({ kind: 'document', document: run.document, fileName: run.fileName });
  }, [requestB, run]);

  // B starts as a copy of A (open it, then edit one side). Only on mounting: later runs of A
  // leave B alone. (React's strict mode mounts twice, replacing the worker: asking again is right.)
  const copyARef = useRef(copyA);
  copyARef.current = copyA;
  useEffect(() => copyARef.current(), []);

  // A's seed changed (an edit of A): B follows, so the pair stays paired. Asked once per seed,
  // so a B that cannot run (an error, over the page's budget) is not asked again and again.
  const followedSeed = useRef(seed);
  useEffect(() => {
    if (!b.run || b.busy || b.run.report.seed === seed || followedSeed.current === seed) return;
    followedSeed.current = seed;
    requestB({ kind: 'document', document: b.run.document, fileName: b.run.fileName });
  }, [seed, b.run, b.busy, requestB]);

  const whatIfB = useCallback((w: WhatIf) => {
    if (!b.run) return;
    playhead.pause();
    requestB({ kind: 'document', document: whatIfDocument(b.run.document, w, follower.tUs, b.run.timeline), fileName: b.run.fileName });
  }, [b.run, playhead, follower, requestB]);

  const selectA = useCallback((s: Selection) => { setSelA(s); if (s) setEditing('A'); }, []);
  const selectB = useCallback((s: Selection) => { setSelB(s); if (s) setEditing('B'); }, []);

  const edited = editing === 'A' ? { run, playhead, selection: selA, busy, onWhatIf, onRun: onRunDocument }
    : b.run ? { run: b.run, playhead: follower, selection: selB, busy: b.busy, onWhatIf: whatIfB, onRun: (doc: Doc) => requestB({ kind: 'document', document: doc, fileName: b.run!.fileName }) }
    : null;

  return (
    <div className="workspace compare" data-testid="compare">
      <div className="compare-views">
        <SideView side="A" run={run} playhead={playhead} selection={selA} onSelect={selectA} editing={editing === 'A'} busy={busy} />
        <SideView side="B" run={b.run} playhead={follower} selection={selB} onSelect={selectB} editing={editing === 'B'} busy={b.busy}
          error={b.error?.message} status={b.status} onCancel={b.cancel}
          onShorten={(r, seconds) => requestB({ kind: 'document', document: { ...(r.document as Doc), duration: `${seconds}s` }, fileName: r.fileName })} />
      </div>
      <div className="compare-bottom">
        <CompareSummary a={run.report} b={b.run && !b.busy ? b.run.report : null} />
        <aside className="panel compare-edit" aria-label="Edit one side">
          <header>
            <h2>Setups</h2>
            <button type="button" onClick={onClose} data-testid="close-compare">Close comparison</button>
          </header>
          <div className="compare-edit-body">
            <label className="row"><span>B is</span>
              <select value={origin} data-testid="compare-b-origin" aria-label="Setup B"
                onChange={(e) => {
                  const f = e.target.value;
                  if (f === COPY_OF_A) return copyA();
                  setOrigin(f);
                  requestB({ kind: 'builtin', fileName: f });
                }}>
                <option value={COPY_OF_A}>A's setup, copied ({run.fileName})</option>
                {b.catalog.map((c) => <option key={c.fileName} value={c.fileName}>{c.title}</option>)}
                {origin !== COPY_OF_A && !b.catalog.some((c) => c.fileName === origin) && <option value={origin}>{origin}</option>}
              </select>
              <button type="button" onClick={() => fileRef.current?.click()}>Open file…</button>
              <input ref={fileRef} type="file" accept=".yaml,.yml,.json" hidden aria-label="Open a scenario file as B"
                onChange={(e) => {
                  const f = e.target.files?.[0];
                  if (f) readFileAsText(f, (text, fileName) => { setOrigin(fileName); requestB({ kind: 'text', text, fileName }); });
                  e.target.value = '';
                }} />
            </label>
            <div className="compare-sides" role="radiogroup" aria-label="Side being edited">
              <span>Editing</span>
              {(['A', 'B'] as Side[]).map((s) => (
                <button key={s} type="button" role="radio" aria-checked={editing === s} className={`side-pick side-${s}`}
                  onClick={() => setEditing(s)} data-testid={`compare-edit-${s}`}>side {s}</button>
              ))}
              <span className="hint">what-ifs and knobs change side {editing} only</span>
            </div>
            {edited ? (
              <>
                <h4>What-if on side {editing}</h4>
                <Inspector playhead={edited.playhead} timeline={edited.run.timeline} selection={edited.selection} onWhatIf={edited.onWhatIf} busy={edited.busy} />
                <h4>Settings of side {editing}</h4>
                <Knobs document={edited.run.document} busy={edited.busy} onRun={edited.onRun} />
              </>
            ) : <p className="hint">Side B is loading…</p>}
          </div>
        </aside>
      </div>
    </div>
  );
}

interface SideProps {
  side: Side;
  run: LoadedRun | null;
  playhead: Playhead;
  selection: Selection;
  onSelect: (s: Selection) => void;
  editing: boolean;
  busy: boolean;
  error?: string;
  /** Side B's own run status (progress and Cancel, or why it was not run); A's is the page's. */
  status?: Status;
  onCancel?: () => void;
  onShorten?: Parameters<typeof RunStatus>[0]['onShorten'];
}

function SideView({ side, run, playhead, selection, onSelect, editing, busy, error, status, onCancel, onShorten }: SideProps) {
  const tl = run?.timeline;
  return (
    <section className={`panel compare-side side-${side}${editing ? ' editing' : ''}`} aria-label={`Side ${side}`} data-testid={`compare-side-${side}`}>
      <header>
        <h2><span className={`side-tag side-${side}`}>{side}</span> {tl ? tl.scenario || run!.fileName : '…'}</h2>
        {tl && <span className="side-meta" data-testid={`compare-meta-${side}`}>seed {String(tl.seed)} · {tl.replication} · {tl.nodeIds.length - 1} {tl.nodeIds.length === 2 ? 'replica' : 'replicas'}</span>}
        {busy && <span className="busy" role="status">simulating…</span>}
        {editing && <span className="editing-tag">being edited</span>}
      </header>
      {status && onCancel && onShorten && <RunStatus status={status} onCancel={onCancel} onShorten={onShorten} />}
      {error && !busy && <div className="error" role="alert"><pre>{error}</pre></div>}
      {run && tl && <ClusterView playhead={playhead} timeline={tl} selection={selection} onSelect={onSelect} />}
    </section>
  );
}
