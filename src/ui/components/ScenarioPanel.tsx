import { useRef } from 'react';
import { faultsOf } from '../scenarios/edit.ts';
import type { Doc } from '../scenarios/edit.ts';
import { flow } from '../scenarios/flow.ts';
import type { ScenarioIssueView } from '../worker/protocol.ts';
import { Knobs } from './Knobs.tsx';
import { catalogGroups, type CourseView } from '../state/lesson.ts';

interface Props {
  catalog: { fileName: string; title: string }[];
  /** Orders and titles the list as the course does (null until it loads). */
  course: CourseView | null;
  onOpenBuiltin: (fileName: string) => void;
  toYaml: (doc: Doc) => Promise<string>;
  fileName: string;
  /** The scenario being simulated, shown in the list until it loads (or fails). */
  pendingFileName?: string;
  document: Doc | null;
  busy: boolean;
  error: { message: string; issues: ScenarioIssueView[] } | null;
  onOpenText: (text: string, fileName: string) => void;
  onRunDocument: (doc: Doc) => void;
  onShare: () => void;
  shareNote: string | null;
}

export function readFileAsText(file: File, onText: (text: string, name: string) => void): void {
  file.text().then((t) => onText(t, file.name), () => onText('', file.name));
}

/** Pick, open, edit, export and share scenarios. */
export function ScenarioPanel({ catalog, course, onOpenBuiltin, toYaml, fileName, pendingFileName, document, busy, error, onOpenText, onRunDocument, onShare, shareNote }: Props) {
  const fileRef = useRef<HTMLInputElement>(null);
  const listed = pendingFileName ?? fileName;
  const builtin = catalog.find((b) => b.fileName === listed);
  const exportYaml = async () => {
    if (!document) return;
    const blob = new Blob([await toYaml(document)], { type: 'application/yaml' });
    const a = window.document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = fileName.replace(/\.(json|ya?ml)$/i, '') + '.yaml';
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
  };
  const faults = document ? faultsOf(document) : [];
  return (
    <div className="scenario-panel" data-testid="scenario-panel">
      <label className="row"><span>built-in</span>
        <select
          value={builtin ? builtin.fileName : ''}
          onChange={(e) => onOpenBuiltin(e.target.value)}
          aria-label="Built-in scenarios"
          aria-busy={pendingFileName !== undefined}
          data-testid="builtin-select"
        >
          {!builtin && <option value="">{listed || '(your file)'}</option>}
          {catalogGroups(catalog, course).map((g) => (
            <optgroup key={g.label} label={g.label}>
              {g.items.map((b) => <option key={b.fileName} value={b.fileName}>{b.title}</option>)}
            </optgroup>
          ))}
        </select>
      </label>
      <div className="row buttons">
        <button type="button" onClick={() => fileRef.current?.click()}>Open file…</button>
        <input ref={fileRef} type="file" accept=".yaml,.yml,.json" hidden aria-label="Open a scenario file" data-testid="file-input"
          onChange={(e) => { const f = e.target.files?.[0]; if (f) readFileAsText(f, onOpenText); e.target.value = ''; }} />
        <button type="button" onClick={() => void exportYaml()} disabled={!document} data-testid="export">Export YAML</button>
        <button type="button" onClick={onShare} disabled={!document} data-testid="share">Copy share link</button>
      </div>
      <p className="hint">…or drop a .yaml / .json file anywhere on the page.</p>
      {shareNote && <p className="note" role="status">{shareNote}</p>}
      {error && (
        <div className="error" role="alert" data-testid="scenario-error">
          <strong>{error.issues.length ? `${error.issues.length} problem${error.issues.length > 1 ? 's' : ''} in ${error.issues[0].file}` : 'Could not run the scenario'}</strong>
          <pre>{error.message}</pre>
          <p className="hint">The previous run stays on screen.</p>
        </div>
      )}
      {document && <Knobs document={document} busy={busy} onRun={onRunDocument} />}
      {document && (
        <div className="faults">
          <h4>Faults ({faults.length})</h4>
          {faults.length === 0 && <p className="hint">none — crash a node or cut a link from the inspector</p>}
          <ul>
            {faults.map((f, i) => (
              <li key={i}>
                <code>{flow(f)}</code>
                <button type="button" aria-label={`Remove fault ${i + 1}`} disabled={busy}
                  onClick={() => onRunDocument({ ...document, faults: faults.filter((_, j) => j !== i) })}>✕</button>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
