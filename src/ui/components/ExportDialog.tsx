import { useRef, useState } from 'react';
import type { LoadedRun } from '../hooks/useSimulation.ts';
import type { Playhead } from '../hooks/playhead.ts';
import { useFocusTrap } from '../hooks/useFocusTrap.ts';
import { allRecords } from '../state/index.ts';
import { clusterFrameSvg, svgToPng } from '../export/frame.ts';
import { VideoExport } from './VideoExport.tsx';
import { download, fileBase, reportCsv, reportJson, timeTag, traceNdjson } from '../export/files.ts';

interface Props {
  run: LoadedRun;
  playhead: Playhead;
  onClose: () => void;
}

/** Files from the page (a lazily loaded chunk): the frame at the playhead, a range as video, the report, the trace. */
export function ExportDialog({ run, playhead, onClose }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  useFocusTrap(ref, onClose);
  const [note, setNote] = useState<string | null>(null);
  const base = fileBase(run.fileName, run.timeline.seed);
  const frame = () => {
    const view = document.querySelector<HTMLElement>('[data-testid=cluster-view]');
    if (!view) throw new Error('the cluster view is not on screen');
    return clusterFrameSvg(view);
  };
  const act = (what: string, fn: () => void | Promise<void>) => async () => {
    try {
      await fn();
      setNote(`Saved ${what}.`);
    } catch (err) {
      setNote(`Could not export ${what}: ${err instanceof Error ? err.message : String(err)}`);
    }
  };
  const at = timeTag(playhead.tUs);
  const items: { id: string; label: string; hint: string; run: () => Promise<void> }[] = [
    { id: 'svg', label: 'Frame as SVG', hint: 'the cluster picture at the playhead, for slides and papers', run: act('the frame as SVG', () => download(frame().svg, `${base}-${at}.svg`, 'image/svg+xml')) },
    { id: 'png', label: 'Frame as PNG', hint: 'the same picture as an image', run: act('the frame as PNG', async () => { const f = frame(); download(await svgToPng(f.svg, f.width, f.height), `${base}-${at}.png`, 'image/png'); }) },
    { id: 'json', label: 'Report as JSON', hint: 'what `repsim run --format json` prints', run: act('the report as JSON', () => download(reportJson(run.report), `${base}-report.json`, 'application/json')) },
    { id: 'csv', label: 'Report as CSV', hint: 'one row per figure: path,value (the paths expect lines use)', run: act('the report as CSV', () => download(reportCsv(run.report), `${base}-report.csv`, 'text/csv')) },
    { id: 'ndjson', label: 'Trace as NDJSON', hint: `every trace record (${run.timeline.trace.count.toLocaleString('en')}), as \`repsim run --trace\` writes them`, run: act('the trace as NDJSON', () => download(traceNdjson(allRecords(run.timeline)), `${base}-trace.ndjson`, 'application/x-ndjson')) },
  ];
  return (
    <div className="overlay" role="dialog" aria-modal="true" aria-labelledby="export-title" ref={ref} onClick={onClose} data-testid="export-dialog">
      <div className="help export" onClick={(e) => e.stopPropagation()}>
        <header>
          <h2 id="export-title">Export</h2>
          <button type="button" onClick={onClose} aria-label="Close export">✕</button>
        </header>
        <p className="hint">Files are named after the scenario and seed: <code>{base}</code>.</p>
        <ul className="export-list">
          {items.map((it) => (
            <li key={it.id}><button type="button" onClick={() => void it.run()} data-testid={`export-${it.id}`}>{it.label}</button> <span className="hint">{it.hint}</span></li>
          ))}
        </ul>
        <VideoExport playhead={playhead} endUs={run.timeline.endUs} base={base} onNote={setNote} />
        {note && <p className="note" role="status">{note}</p>}
      </div>
    </div>
  );
}
