// The page's other workspaces beside the single run: a side-by-side comparison and a sweep.
// Each is a chunk of its own, fetched when first opened, so the first view does not carry them.
import { lazy, Suspense } from 'react';
import type { WhatIf } from '../components/Inspector.tsx';
import type { Playhead } from '../hooks/playhead.ts';
import type { LoadedRun } from '../hooks/useSimulation.ts';
import type { Doc } from '../scenarios/edit.ts';
import './workspace.css';

const CompareView = lazy(() => import('../compare/CompareView.tsx'));
const SweepPanel = lazy(() => import('../sweep/SweepPanel.tsx'));

export type WorkspaceKind = 'compare' | 'sweep';

const LABELS: Record<WorkspaceKind, { text: string; title: string }> = {
  compare: { text: 'Compare', title: 'Run a second setup beside this one, on the same seed, and see the difference' },
  sweep: { text: 'Sweep', title: 'Vary one or two settings over several seeds and plot a metric' },
};

/** Header buttons that open and close a workspace (one at a time). */
export function WorkspaceButtons({ open, onChange, disabled }: { open: WorkspaceKind | null; onChange: (k: WorkspaceKind | null) => void; disabled: boolean }) {
  return (
    <span className="workspace-buttons">
      {(Object.keys(LABELS) as WorkspaceKind[]).map((k) => (
        <button key={k} type="button" aria-pressed={open === k} disabled={disabled && open !== k} title={LABELS[k].title}
          onClick={() => onChange(open === k ? null : k)} data-testid={`open-${k}`}>{LABELS[k].text}</button>
      ))}
    </span>
  );
}

interface Props {
  kind: WorkspaceKind;
  playhead: Playhead;
  run: LoadedRun;
  /** The built-in scenarios (a sweep of one names its path in the equivalent command). */
  builtins: { fileName: string }[];
  busy: boolean;
  /** A what-if and a knobs edit on the page's own run (side A of a comparison). */
  onWhatIf: (w: WhatIf) => void;
  onRunDocument: (doc: Doc) => void;
  onClose: () => void;
}

export function Workspace({ kind, builtins, ...props }: Props) {
  return (
    <Suspense fallback={<div className="workspace loading" role="status">Loading the {kind === 'compare' ? 'comparison' : 'sweep panel'}…</div>}>
      {kind === 'compare' ? <CompareView {...props} /> : <SweepPanel run={props.run} builtin={builtins.some((b) => b.fileName === props.run.fileName)} onClose={props.onClose} />}
    </Suspense>
  );
}
