import { useEffect, useState } from 'react';
import { REPLICATION_MODES } from '../../model/config.ts';
import { ROUTING_POLICIES } from '../../model/routing/names.ts';
import { DEFAULT_READ_ROUTING, DEFAULT_REPLICATION_MODE } from '../../scenario/schema/defaults.ts';
import { getPath, replicaIds, setPath, setReplicaCount } from '../scenarios/edit.ts';
import type { Doc } from '../scenarios/edit.ts';
import { flow, readKnob } from '../scenarios/flow.ts';

interface Props {
  document: Doc;
  busy: boolean;
  onRun: (doc: Doc) => void;
}

type Draft = Record<string, string>;

const show = flow;
const read = readKnob;

const SCALAR_KNOBS: { key: string; path: string[]; label: string; hint: string }[] = [
  { key: 'seed', path: ['seed'], label: 'seed', hint: 'same seed, same run' },
  { key: 'duration', path: ['duration'], label: 'duration', hint: 'e.g. 60s' },
  { key: 'latency', path: ['network', 'latency'], label: 'node latency', hint: 'e.g. 2ms or {dist: lognormal, median: 1ms, p99: 5ms}' },
  { key: 'clientLatency', path: ['network', 'clientLatency'], label: 'client latency', hint: 'e.g. 0.5ms' },
  { key: 'applyTime', path: ['replication', 'applyTime'], label: 'apply time', hint: 'per entry on replicas, e.g. 0.5ms' },
];

function draftOf(doc: Doc): Draft {
  const d: Draft = {
    replicas: String(replicaIds(doc).length),
    mode: show(getPath(doc, ['replication', 'mode']) ?? DEFAULT_REPLICATION_MODE),
    routing: show(getPath(doc, ['routing', 'reads']) ?? DEFAULT_READ_ROUTING),
  };
  for (const k of SCALAR_KNOBS) d[k.key] = show(getPath(doc, k.path));
  const groups = (Array.isArray(doc.workload) ? doc.workload : []) as Record<string, unknown>[];
  groups.forEach((g, i) => {
    if (g.writes) d[`w${i}`] = show(getPath(g, ['writes', 'rate']));
    if (g.reads) d[`r${i}`] = show(getPath(g, ['reads', 'rate']));
  });
  return d;
}

/** Writes back only the knobs the user changed, so unset fields keep the scenario's defaults. */
function applyDraft(doc: Doc, d: Draft): Doc {
  const was = draftOf(doc);
  const changed = (k: string) => d[k] !== undefined && d[k] !== was[k];
  let out = changed('replicas') ? setReplicaCount(doc, Math.max(0, Math.min(20, Number(d.replicas) || 0))) : doc;
  if (changed('mode')) out = setPath(out, ['replication', 'mode'], d.mode);
  if (changed('routing')) out = setPath(out, ['routing', 'reads'], d.routing);
  for (const k of SCALAR_KNOBS) if (changed(k.key)) out = setPath(out, k.path, read(d[k.key]));
  const groups = (Array.isArray(out.workload) ? out.workload : []) as Record<string, unknown>[];
  groups.forEach((g, i) => {
    if (g.writes && changed(`w${i}`)) out = setPath(out, ['workload', i, 'writes', 'rate'], read(d[`w${i}`]));
    if (g.reads && changed(`r${i}`)) out = setPath(out, ['workload', i, 'reads', 'rate'], read(d[`r${i}`]));
  });
  return out;
}

/** The main knobs of a scenario; submitting edits the document and re-runs it. */
export function Knobs({ document, busy, onRun }: Props) {
  const [draft, setDraft] = useState<Draft>(() => draftOf(document));
  useEffect(() => setDraft(draftOf(document)), [document]);
  const set = (k: string) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) => setDraft({ ...draft, [k]: e.target.value });
  const groups = (Array.isArray(document.workload) ? document.workload : []) as Record<string, unknown>[];
  return (
    <form className="knobs" onSubmit={(e) => { e.preventDefault(); onRun(applyDraft(document, draft)); }} aria-label="Scenario knobs">
      <label><span>replicas</span><input type="number" min={0} max={20} value={draft.replicas} onChange={set('replicas')} /></label>
      <label><span>replication</span>
        <select value={draft.mode} onChange={set('mode')}>
          {REPLICATION_MODES.map((m) => <option key={m}>{m}</option>)}
        </select>
      </label>
      <label><span>read routing</span>
        <select value={draft.routing} onChange={set('routing')}>
          {ROUTING_POLICIES.map((m) => <option key={m}>{m}</option>)}
        </select>
      </label>
      {SCALAR_KNOBS.map((k) => (
        <label key={k.key} title={k.hint}><span>{k.label}</span><input type="text" value={draft[k.key] ?? ''} placeholder={k.hint} onChange={set(k.key)} /></label>
      ))}
      {groups.map((g, i) => (
        <div key={i} className="group-knobs">
          {g.writes ? <label><span>{String(g.name)} writes</span><input type="text" value={draft[`w${i}`] ?? ''} onChange={set(`w${i}`)} placeholder="e.g. 20/s" /></label> : null}
          {g.reads ? <label><span>{String(g.name)} reads</span><input type="text" value={draft[`r${i}`] ?? ''} onChange={set(`r${i}`)} placeholder="e.g. 400/s" /></label> : null}
        </div>
      ))}
      <button type="submit" className="primary-btn" disabled={busy} data-testid="rerun">{busy ? 'Running…' : 'Re-run with these settings'}</button>
    </form>
  );
}
