import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { formatMeanPm, formatSig } from '../../metrics/format-stat.ts';
import { numericMetrics, type MetricValue } from '../../metrics/named-metrics.ts';
import { pointValues, summarize } from '../../scenario/vary/points.ts';
import { ACCEPTED_FORMS, VaryError } from '../../scenario/vary/spec.ts';
import type { LoadedRun } from '../hooks/useSimulation.ts';
import { formatUs } from '../format.ts';
import { planSweep, type PageSweep } from './plan.ts';
import { poolSize, runPool, type RunningSweep } from './pool.ts';
import { SweepChart, type ChartPoint } from './SweepChart.tsx';
import './sweep.css';

interface Props {
  /** The page's run: its scenario is what the sweep varies, its seed the first seed. */
  run: LoadedRun;
  /** Whether the run is of a built-in scenario (scenarios/NAME on the command line). */
  builtin: boolean;
  onClose: () => void;
}

type Status =
  | { kind: 'idle' }
  | { kind: 'running'; total: number; done: number; startedMs: number; workers: number }
  | { kind: 'done'; total: number; ms: number; workers: number }
  | { kind: 'cancelled'; total: number; done: number }
  | { kind: 'error'; message: string };

const DEFAULT_METRIC = 'reads.staleFraction';

function defaultSpec(doc: Record<string, unknown>): string {
  const links = (doc.network as { links?: unknown[] } | undefined)?.links;
  return Array.isArray(links) && links.length > 0 ? 'network.links.0.latency=1ms..100ms:5' : 'network.latency=0.5ms..20ms:5';
}

/**
 * Vary one or two settings over N seeds, as `repsim sweep` does, on a pool of workers; plot
 * a metric's mean and 95% confidence interval per point. Every metric is kept, so choosing
 * another one redraws without running again.
 */
export default function SweepPanel({ run, builtin, onClose }: Props) {
  const [specs, setSpecs] = useState<[string, string]>(() => [defaultSpec(run.document), '']);
  const [seeds, setSeeds] = useState('3');
  const [duration, setDuration] = useState('10s');
  const [metric, setMetric] = useState(DEFAULT_METRIC);
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const [sweep, setSweep] = useState<PageSweep | null>(null);
  const [results, setResults] = useState<([string, MetricValue][] | undefined)[]>([]);
  const running = useRef<RunningSweep | null>(null);

  useEffect(() => () => running.current?.cancel(), []);

  const start = useCallback(() => {
    running.current?.cancel();
    let plan: PageSweep;
    try {
      plan = planSweep({ document: run.document, specs, seedCount: Number(seeds), firstSeed: run.report.seed, duration });
    } catch (err) {
      const message = err instanceof VaryError ? `${err.subject}: ${err.problem}\n${ACCEPTED_FORMS.replaceAll('--vary ', '')}` : err instanceof Error ? err.message : String(err);
      setStatus({ kind: 'error', message });
      return;
    }
    const total = plan.jobs.length;
    const workers = poolSize(total);
    const got: ([string, MetricValue][] | undefined)[] = new Array(total).fill(undefined);
    setSweep(plan);
    setResults([...got]);
    setStatus({ kind: 'running', total, done: 0, startedMs: performance.now(), workers });
    let done = 0;
    running.current = runPool(plan.jobs, run.fileName, workers, {
      onResult: (index, named) => {
        got[index] = named;
        done++;
        setResults([...got]);
        setStatus((s) => (s.kind === 'running' ? { ...s, done } : s));
      },
      onError: (index, message) => {
        const job = plan.jobs[index];
        const where = job ? `\n(at ${pointText(plan, job.point)}, seed ${job.seed})` : '';
        setStatus({ kind: 'error', message: `${message}${where}` });
      },
      onDone: () => setStatus((s) => ({ kind: 'done', total, workers, ms: s.kind === 'running' ? performance.now() - s.startedMs : 0 })),
    });
  }, [run, specs, seeds, duration]);

  const cancel = useCallback(() => {
    running.current?.cancel();
    running.current = null;
    setStatus((s) => (s.kind === 'running' ? { kind: 'cancelled', total: s.total, done: s.done } : s));
  }, []);

  // Every metric the report has (the run's), and any the sweep's runs add.
  const metricNames = useMemo(() => {
    const names = numericMetrics(run.report).map(([n]) => n);
    for (const r of results) if (r) for (const [n] of r) if (!names.includes(n)) names.push(n);
    return names;
  }, [run.report, results]);

  // Points whose every seed has run, summarized by the CLI's code (summarize over the seeds).
  const points = useMemo((): (ChartPoint & { point: number })[] => {
    if (!sweep) return [];
    const n = sweep.shape.seeds.length;
    const values = results.map((r) => [r ? (new Map(r).get(metric) ?? null) : null]);
    const all = summarize({ ...sweep.shape, metrics: [metric] }, values);
    return all
      .map((p, point) => ({ point, values: p.values, stat: p.stats[0] }))
      .filter((p) => results.slice(p.point * n, p.point * n + n).every((r) => r !== undefined));
  }, [sweep, results, metric]);

  return (
    <div className="workspace sweep" data-testid="sweep">
      <section className="panel sweep-form" aria-label="Sweep settings">
        <header>
          <h2>Sweep · {run.timeline.scenario || run.fileName}</h2>
          <button type="button" onClick={onClose} data-testid="close-sweep">Close sweep</button>
        </header>
        <form className="sweep-body" onSubmit={(e) => { e.preventDefault(); start(); }}>
          <p className="hint">Runs the page's scenario at every combination of the values below × each seed, as <code>repsim sweep</code> does (same forms as its <code>--vary</code>).</p>
          {[0, 1].map((i) => (
            <label key={i} className="col"><span>{i === 0 ? 'vary' : 'and vary (optional)'}</span>
              <input type="text" value={specs[i]} spellCheck={false} data-testid={`sweep-vary-${i}`}
                placeholder={i === 0 ? 'PATH=FROM..TO:N, e.g. network.latency=1ms..20ms:5' : 'e.g. replication.mode=async,semi-sync'}
                onChange={(e) => setSpecs((s) => (i === 0 ? [e.target.value, s[1]] : [s[0], e.target.value]))} />
            </label>
          ))}
          <div className="sweep-row">
            <label className="col"><span>seeds per point</span><input type="number" min={1} max={1000} value={seeds} onChange={(e) => setSeeds(e.target.value)} data-testid="sweep-seeds" /></label>
            <label className="col"><span>duration of each run</span><input type="text" value={duration} placeholder="the file's own" onChange={(e) => setDuration(e.target.value)} data-testid="sweep-duration" /></label>
          </div>
          <p className="hint">Seeds {String(run.report.seed)}, {String(run.report.seed)} + 1, …; leave the duration empty for the file's own.</p>
          <div className="sweep-row buttons">
            <button type="submit" className="primary-btn" disabled={status.kind === 'running'} data-testid="sweep-run">Run sweep</button>
            {status.kind === 'running' && <button type="button" onClick={cancel} data-testid="sweep-cancel">Cancel</button>}
          </div>
          <SweepStatus status={status} />
          {sweep && (
            <p className="hint sweep-cli">The same sweep on the command line (for the file as saved; export an edited scenario first):
              <code data-testid="sweep-cli">{cliCommand(builtin ? `scenarios/${run.fileName}` : run.fileName, sweep, metric)}</code></p>
          )}
          <details className="sweep-forms">
            <summary>Accepted forms</summary>
            <pre>{ACCEPTED_FORMS.replaceAll('--vary ', '')}</pre>
          </details>
        </form>
      </section>
      <section className="panel sweep-result" aria-label="Sweep result">
        <header>
          <h2>Result</h2>
          <label className="sweep-metric"><span>metric</span>
            <select value={metric} onChange={(e) => setMetric(e.target.value)} data-testid="sweep-metric">
              {metricNames.map((n) => <option key={n}>{n}</option>)}
            </select>
          </label>
        </header>
        {sweep ? (
          <>
            <SweepChart vary={sweep.shape.vary} metric={metric} points={points} />
            <div className="sweep-table-box">
              <table className="mini sweep-table" data-testid="sweep-table">
                <thead><tr>{sweep.shape.vary.map((v) => <th key={v.path}>{v.path}</th>)}<th>{metric}</th><th title="Seeds whose run gave a number">n</th></tr></thead>
                <tbody>
                  {points.map((p) => (
                    <tr key={p.point} data-point={p.point} data-mean={String(p.stat.mean)} data-low={String(p.stat.low)} data-high={String(p.stat.high)}>
                      {p.values.map((v, i) => <td key={i}>{String(v)}</td>)}
                      <td>{formatMeanPm(p.stat)}</td>
                      <td>{p.stat.n}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <p className="hint">mean ± half-width of the 95% confidence interval over the seeds (Student t), as <code>repsim sweep</code> prints it; one seed gives no interval.</p>
            </div>
          </>
        ) : <p className="hint sweep-empty">Set what to vary and press <b>Run sweep</b>. The chart shows the chosen metric's mean per point with its 95% confidence interval.</p>}
      </section>
    </div>
  );
}

/** `repsim sweep` with the panel's inputs, for a built-in scenario's path or the user's file name. */
function cliCommand(file: string, sweep: PageSweep, metric: string): string {
  const quote = (s: string) => (/^[\w.,:=/+-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);
  const seeds = sweep.shape.seeds;
  // One option a line, continued with a backslash as a shell reads it.
  return [
    'npx repsim sweep', quote(file),
    ...sweep.shape.vary.map((v) => `--vary ${quote(`${v.path}=${v.spec}`)}`),
    `--seeds ${seeds.length}`, ...(typeof seeds[0] === 'number' ? [`--seed ${seeds[0]}`] : []),
    ...(sweep.durationMs === null ? [] : [`--duration ${sweep.durationMs % 1000 === 0 ? `${sweep.durationMs / 1000}s` : `${sweep.durationMs}ms`}`]),
    `--metrics ${quote(metric)}`,
  ].join(' ').replace(/ (?=--)/g, ' \\\n  ');
}

function pointText(plan: PageSweep, point: number): string {
  return plan.shape.vary.map((v, i) => `${v.path}=${String(pointValues(plan.shape, point)[i])}`).join(', ');
}

function SweepStatus({ status }: { status: Status }) {
  if (status.kind === 'running') {
    const elapsedMs = performance.now() - status.startedMs;
    const rate = status.done > 0 ? (status.done * 1000) / elapsedMs : 0;
    const leftMs = status.done > 0 ? ((status.total - status.done) * elapsedMs) / status.done : null;
    return (
      <div className="sweep-status" role="status" data-testid="sweep-progress">
        <progress max={status.total} value={status.done} aria-label="Runs done" />
        <span data-testid="sweep-done" data-done={status.done} data-total={status.total}>{status.done} of {status.total} runs</span>
        {status.done > 0 && <span> · {formatSig(rate)} runs/s · about {formatUs(leftMs! * 1000)} left</span>}
        <span className="hint">· {status.workers} {status.workers === 1 ? 'worker' : 'workers'}</span>
      </div>
    );
  }
  if (status.kind === 'done') return <div className="sweep-status" role="status" data-testid="sweep-finished">All {status.total} runs done in {formatUs(status.ms * 1000)} on {status.workers} {status.workers === 1 ? 'worker' : 'workers'}.</div>;
  if (status.kind === 'cancelled') return <div className="sweep-status" role="status" data-testid="sweep-cancelled">Cancelled after {status.done} of {status.total} runs.</div>;
  if (status.kind === 'error') return <div className="error" role="alert" data-testid="sweep-error"><pre>{status.message}</pre></div>;
  return null;
}
