import { useMemo } from 'react';
import type { Playhead } from '../hooks/playhead.ts';
import { usePlayheadTick } from '../hooks/usePlayhead.ts';
import type { Timeline } from '../state/index.ts';
import { episodes, failoverIndex, modeStatus, STEP_GLYPH, STEP_TITLE } from '../state/failover.ts';
import type { Episode, FailoverStepView } from '../state/failover.ts';
import { formatUs } from '../format.ts';

/** Seconds to the millisecond: failover steps a millisecond apart must not read as one time. */
const sec = (us: number) => `${(us / 1_000_000).toFixed(3)} s`;
import '../failover.css';

/** Steps that a burst's caption leads with, most telling first. */
const LEAD = ['promoted', 'lost', 'refused', 'detected', 'fenced', 'rollback', 'mode', 'cleared', 'candidate', 'catch-up', 'repointed'];

/** Steps within this long of the newest one read as one moment (catch-up, promoted, repointed). */
const BURST_US = 50_000;

/**
 * The failover manager's latest steps as an automatic caption under the scenario's narration:
 * "★ promoted: replica-1 is the primary (term 2) · ⊠ 13 entries … leave history".
 */
export function FailoverCaption({ playhead }: { playhead: Playhead }) {
  usePlayheadTick(playhead, 200);
  const tl = playhead.timeline;
  if (!tl) return null;
  const ix = failoverIndex(tl);
  if (ix.steps.length === 0) return null;
  const t = playhead.tUs;
  let last = -1;
  for (let i = 0; i < ix.steps.length && ix.steps[i].tUs <= t; i++) last = i;
  if (last < 0) return <div className="failover-caption empty" aria-hidden="true" />;
  const newest = ix.steps[last];
  const burst: FailoverStepView[] = [];
  for (let i = last; i >= 0 && ix.steps[i].tUs >= newest.tUs - BURST_US; i--) burst.unshift(ix.steps[i]);
  burst.sort((a, b) => rank(a) - rank(b));
  const old = t - newest.tUs > 3_000_000;
  const text = burst.map((s) => `${STEP_GLYPH[s.step] ?? '⇄'} ${STEP_TITLE[s.step] ?? s.step}: ${s.detail}`).join('  ·  ');
  return (
    <div className={`failover-caption${old ? ' old' : ''}`} role="status" aria-live="polite" data-testid="failover-caption" data-step={burst[0].step} title={text}>
      <span className="at">{sec(newest.tUs)}</span>
      <span className="what"><b>failover manager</b> {text}</span>
    </div>
  );
}

function rank(s: FailoverStepView): number {
  const i = LEAD.indexOf(s.step);
  return i < 0 ? LEAD.length : i;
}

/** The acting primary's replication promise, and split brain when two nodes take writes. */
export function ModeBadge({ playhead }: { playhead: Playhead }) {
  usePlayheadTick(playhead, 200);
  const frame = playhead.frame();
  const tl = playhead.timeline;
  if (!frame || !tl) return null;
  const ix = failoverIndex(tl);
  const primaries = frame.nodes.filter((n) => n.role === 'primary' && n.up && n.state !== 'fenced');
  if (primaries.length > 1) {
    const list = primaries.map((p) => `${p.id} (term ${p.term})`).join(' and ');
    return <span className="mode-badge tone-bad" data-testid="mode-badge" title={`${list} both accept writes`}>SPLIT BRAIN: {primaries.map((p) => p.id).join(' + ')} take writes</span>;
  }
  if (!frame.primary) return <span className="mode-badge tone-bad" data-testid="mode-badge" title={`${ix.mode} replication; no node takes writes`}>NO PRIMARY · writes fail</span>;
  const m = modeStatus(ix, frame, frame.primary);
  const p = frame.nodes.find((n) => n.id === frame.primary);
  return <span className={`mode-badge tone-${m.tone}`} data-testid="mode-badge" title={m.long}>{m.tone === 'warn' || m.tone === 'bad' ? (m.long.length > 64 ? m.short : m.long) : m.short} · term {p?.term ?? 1}</span>;
}

/** "Failover timeline": each failover as detected → candidate → promoted …, with lost writes. */
export function FailoverSteps({ playhead, timeline, hideFuture = false }: { playhead: Playhead; timeline: Timeline; hideFuture?: boolean }) {
  usePlayheadTick(playhead, 250);
  const ix = failoverIndex(timeline);
  const eps = useMemo(() => episodes(ix), [ix]);
  const t = playhead.tUs;
  // In a lesson, no spoilers: an episode appears when it starts, and its steps as they happen.
  const shown = hideFuture ? eps.filter((e) => (e.cause?.tUs ?? e.steps[0].tUs) <= t) : eps;
  if (shown.length === 0) return null;
  return (
    <section className="panel failover-steps" aria-label="Failover timeline" data-testid="failover-steps">
      <h2>Failover timeline</h2>
      {shown.map((e, i) => <EpisodeView key={i} e={e} t={t} playhead={playhead} hideFuture={hideFuture} />)}
    </section>
  );
}

function EpisodeView({ e, t, playhead, hideFuture }: { e: Episode; t: number; playhead: Playhead; hideFuture: boolean }) {
  const visible = hideFuture ? e.steps.filter((s) => s.tUs <= t) : e.steps;
  const first = (step: string) => visible.find((s) => s.step === step);
  // Lost writes count as of the playhead, never the run's total ahead of time.
  const lostAcked = e.lostAckedAtUs.filter((x) => x <= t).length;
  const detected = first('detected');
  const promoted = first('promoted');
  const refused = first('refused');
  const start = e.cause?.tUs ?? e.steps[0].tUs;
  const parts: string[] = [];
  if (detected) parts.push(`detected ${formatUs(detected.tUs)}${e.cause ? ` (+${formatUs(detected.tUs - e.cause.tUs)})` : ''}`);
  if (promoted) parts.push(`promoted ${promoted.to} ${formatUs(promoted.tUs)} (term ${promoted.term})`);
  if (refused) parts.push(`promotion refused ${formatUs(refused.tUs)}`);
  const fenced = first('fenced');
  if (fenced) parts.unshift(`${fenced.from} fenced ${formatUs(fenced.tUs)}`);
  const seen = e.steps.filter((s) => s.tUs <= t);
  const current = seen[seen.length - 1];
  return (
    <div className="episode">
      <p className="episode-line">
        {e.cause && <span>⚡ {e.cause.text} {formatUs(e.cause.tUs)} → </span>}
        {parts.join(' → ')}
        {(promoted || lostAcked > 0) && (
          <span className={lostAcked > 0 ? 'lost-count' : 'ok-count'} data-testid="episode-lost">
            {' · '}{lostAcked} acknowledged write{lostAcked === 1 ? '' : 's'} lost{lostAcked === 0 && promoted && promoted.tUs <= t ? ' ✓' : ''}
          </span>
        )}
      </p>
      <ol className="steps">
        {e.cause && (
          <li className={start <= t ? 'past' : 'future'}>
            <button type="button" onClick={() => { playhead.pause(); playhead.seek(start); }}>
              <span className="at">{sec(start)}</span><span className="glyph fault">⚡</span><span className="name">{e.cause.text}</span><span className="detail" title={e.cause.detail}>{e.cause.detail}</span>
            </button>
          </li>
        )}
        {visible.map((s, i) => (
          <li key={i} className={`${s.tUs <= t ? 'past' : 'future'}${s === current ? ' current' : ''} step-${s.step}`}>
            <button type="button" onClick={() => { playhead.pause(); playhead.seek(s.tUs); }} title={s.detail}>
              <span className="at">{sec(s.tUs)}</span>
              <span className="glyph">{STEP_GLYPH[s.step] ?? '⇄'}</span>
              <span className="name">{STEP_TITLE[s.step] ?? s.step}</span>
              <span className="detail">{s.detail}</span>
            </button>
          </li>
        ))}
      </ol>
    </div>
  );
}
