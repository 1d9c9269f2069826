import type { RunStatus as Status } from '../hooks/runStatus.ts';
import type { RunProgress, RunTooLarge } from '../worker/protocol.ts';
import { timeLeftMs } from '../worker/progress.ts';
import { formatUs } from '../format.ts';

interface Props {
  status: Status;
  onCancel: () => void;
  /** Re-runs the refused scenario with `duration` set to this many seconds (an edit of the scenario). */
  onShorten: (tooLarge: RunTooLarge, seconds: number) => void;
}

/** The running simulation (progress and Cancel), or why the newest request was not run. */
export function RunStatus({ status, onCancel, onShorten }: Props) {
  if (status.kind === 'running') return <Progress fileName={status.fileName} progress={status.progress} onCancel={onCancel} />;
  if (status.kind === 'too-large') return <TooLarge reply={status.reply} onShorten={onShorten} />;
  if (status.kind === 'cancelled')
    return <div className="run-status" role="status" data-testid="run-cancelled">Cancelled the run of {status.fileName}.</div>;
  return null;
}

function Progress({ fileName, progress: p, onCancel }: { fileName: string; progress: RunProgress | null; onCancel: () => void }) {
  const left = p && timeLeftMs(p);
  return (
    <div className="run-status" role="status" data-testid="run-progress">
      <span>Simulating <b>{fileName}</b></span>
      <progress max={1} value={p ? p.simulatedUs / p.durationUs : undefined} aria-label="Simulated time" />
      {p && <span><b data-testid="run-percent">{Math.floor((100 * p.simulatedUs) / Math.max(1, p.durationUs))}%</b> · {long(p.simulatedUs)} of {long(p.durationUs)} · {compact(p.eventsPerSec)} events/s{left !== null && ` · about ${long(left * 1000)} left`}</span>}
      <button type="button" onClick={onCancel} data-testid="cancel-run">Cancel</button>
    </div>
  );
}

function TooLarge({ reply, onShorten }: { reply: RunTooLarge; onShorten: Props['onShorten'] }) {
  const s = reply.shorterDurationS;
  return (
    <div className="run-status over" role="alert" data-testid="budget-message">
      <strong>{reply.fileName} was not run: {long(reply.durationUs)} of it is too much for this page.</strong> It would take
      <ul>{reply.reasons.map((r) => <li key={r}>{r}</li>)}</ul>
      {s !== null
        ? <button type="button" onClick={() => onShorten(reply, s)} data-testid="shorten-run">Run the first {s.toLocaleString('en')} s</button>
        : <span>Shortening it would not help: lower the fields named above.</span>}
      <span className="hint"> The whole run is for the command line: <code>repsim run FILE --allow-large</code>.</span>
    </div>
  );
}

/** Hours for long runs (24000 h reads better than 86400000 s). */
function long(us: number): string {
  return us >= 3.6e9 ? `${Number((us / 3.6e9).toPrecision(3)).toLocaleString('en')} h` : formatUs(us);
}

function compact(n: number): string {
  return new Intl.NumberFormat('en', { notation: 'compact', maximumSignificantDigits: 3 }).format(n);
}
