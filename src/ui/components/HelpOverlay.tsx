import { useRef } from 'react';
import type { MessageKind } from '../../model/trace.ts';
import { MARKS } from '../views/marks.ts';
import { STEP_GLYPH, STEP_TITLE } from '../state/failover.ts';
import { useFocusTrap } from '../hooks/useFocusTrap.ts';
import { MarkIcon } from './Legend.tsx';

const KEYS: [string, string][] = [
  ['Space', 'play / pause'],
  ['← / →', 'step to the previous / next event'],
  ['Shift + ← / →', 'jump back / forward 1% of the run'],
  ['+ / −', 'faster / slower (×2 / ÷2)'],
  ['Home / End', 'start / end of the run'],
  ['Enter / Space', 'in a lesson: Continue after a caption or an answered question'],
  ['[ / ]', 'in a lesson: previous / next caption'],
  ['Esc', 'stop following a write'],
  ['Tab', 'through the cluster: links, nodes and client groups, then the messages in flight (one stop); Enter inspects what has focus, as a click does'],
  ['← → ↑ ↓, Home / End', 'on a message: the previous / next in flight (in send order), the first / last; Enter inspects it and follows its write'],
  ['?', 'this help; Esc closes it'],
];

/** What a failover step glyph stands for, in the words of the timeline (STEP_TITLE), with why it matters. */
const STEP_MEANING: Record<string, string> = {
  detected: 'the failover manager declared the primary failed',
  candidate: 'a replica was chosen to be promoted',
  'catch-up': 'the candidate applies what it received before taking over',
  promoted: 'a replica became the primary (new term)',
  lost: 'acknowledged writes left history in a failover (struck through as LOST in a node\'s log)',
  repointed: 'replicas were told to follow the new primary',
  rollback: 'a node rolled its log back to where it forked from the new primary',
  refused: 'a promotion was refused',
  cleared: 'the primary answered again: no failover',
  fenced: 'the old primary was fenced: it refuses writes',
  mode: 'the replication mode changed (e.g. semi-sync fell back to async)',
  blocked: 'a failover was blocked by the cooldown after the previous one',
  aborted: 'a switchover was aborted',
  waiting: 'waiting for a manual promote',
};

/** Controls and the meaning of every mark. Opened with `?`; Tab stays inside until it is closed. */
export function HelpOverlay({ onClose }: { onClose: () => void }) {
  const ref = useRef<HTMLDivElement>(null);
  useFocusTrap(ref, onClose);
  return (
    <div className="overlay" role="dialog" aria-modal="true" aria-labelledby="help-title" ref={ref} onClick={onClose} data-testid="help">
      <div className="help" onClick={(e) => e.stopPropagation()}>
        <header>
          <h2 id="help-title">How to read repsim</h2>
          <button type="button" onClick={onClose} aria-label="Close help">✕</button>
        </header>
        <div className="help-cols">
          <section>
            <h3>Keys</h3>
            <table className="mini">
              <tbody>{KEYS.map(([k, v]) => <tr key={k}><td><kbd>{k}</kbd></td><td>{v}</td></tr>)}</tbody>
            </table>
            <h3>Lessons</h3>
            <p>The <b>Course</b> button lists the lessons in teaching order, with your progress (kept in this browser). A lesson plays at its own pace and <b>stops at each caption</b> (Continue) and <b>at each question</b>: answer first, then see whether you were right and why. Its key moments are <span className="marker-demo lesson">◆</span> on the scrubber, its captions <span className="marker-demo caption">▾</span>. <code>?lesson=NAME&amp;t=12s</code> in the address opens a lesson at a moment.</p>
            <h3>Compare and sweep</h3>
            <p><b>Compare</b> runs a second setup (B) beside this one on the same seed, both on this playhead; the Summary gives every metric for A, B and B − A, and a what-if goes to the side being edited. <b>Sweep</b> varies one or two settings (as <code>repsim sweep --vary</code>) over several seeds and plots a metric's mean with its 95% confidence interval.</p>
            <h3>Follow one write</h3>
            <p>Click a write&apos;s square or its log entry (in the cluster or the space-time diagram), a key in a node&apos;s log, or <b>◎ Follow a write</b> (the latest write so far): its path stays highlighted and everything else dims. Each node says where the write stands there (not received yet, received, applied); the reads of its key flash ✓ fresh or ✗ stale. ✕ or Esc stops.</p>
            <h3>What you are looking at</h3>
            <p>Clients (left) send writes to the <b>primary</b>; it commits each one at the next <b>LSN</b> (log position) and ships the log to the <b>replicas</b>, which receive it into a relay log and apply it one entry at a time. Reads go where the routing policy sends them. A read is <b>stale</b> when it returns an older version than one already acknowledged to some client.</p>
            <p><b>When a read counts:</b> when its reply reaches the client (the trace's <code>read.done</code>), everywhere on the page — the verdict flash at the node that served it, the Summary, the markers, the charts and the table of reads — and in the CLI report. A read served just before the run ends whose reply is still on the wire counts nowhere.</p>
            <p>The <b>Summary</b> shows the CLI report's figures: counts as of the playhead (so at the end they are the report's), and the report's own whole-run percentiles, means and lag. Each figure's report path (e.g. <code>reads.stale</code>) is in its <code>data-metric</code> attribute, for tests and for looking it up in <code>repsim run --format json</code>.</p>
            <p>Each node card shows its log tail as a strip of cells: <span className="cell-demo applied" /> applied, <span className="cell-demo received" /> received but not applied yet, <span className="cell-demo missing" /> committed on the primary but not here. <b>Lag</b> is the age of the oldest committed entry the replica has not applied, as the report's lag series samples it.</p>
            <p>The <b>lag monitor</b> chart puts that true lag (solid, what a heartbeat table measures) next to MySQL's <b>Seconds_Behind_Master</b> (dashed): it is 0 whenever the applier has applied all it <i>received</i>, so a replica far away or behind on receiving reads 0 while it is stale. Shaded = the part the reported number hides. Routers that use lag see the monitor's number, not the truth.</p>
            <p>Click a node or a link to crash it or cut it <i>at the current time</i>: the change is added to the scenario as a fault and the run is simulated again. Everything before that moment stays the same.</p>
            <p className="hint">Older texts (and the photo-upload article) call the primary the <i>master</i> and replicas <i>slaves</i>.</p>
          </section>
          <section>
            <h3>Messages</h3>
            <ul className="legend-list">
              {(Object.keys(MARKS) as MessageKind[]).map((k) => (
                <li key={k}><MarkIcon kind={k} /><span>{MARKS[k].label}</span></li>
              ))}
            </ul>
            <p className="hint">Requests are filled, replies hollow. In the space-time diagram replies are dashed.</p>
            <h3>Reads and faults</h3>
            <ul className="legend-list">
              <li><span className="verdict fresh">✓</span><span>fresh read (flashes at the node that served it, when the reply arrives)</span></li>
              <li><span className="verdict stale">✗</span><span>stale read, with how many versions behind</span></li>
              <li><span className="vtag ryw">⚠ RYW</span><span>read-your-writes violation: a session missed its own write (counted at the replica)</span></li>
              <li><span className="vtag mono">↶ back</span><span>monotonic-read violation: older than what the session already read</span></li>
              <li><span className="vtag hold">‖ held</span><span>a replica holds a read until it applies the session token</span></li>
              <li><span className="vtag hold">↩</span><span>a held read timed out and was retried on the primary</span></li>
              <li><span className="badge bad">✕ CRASHED</span><span>node is down; messages to it are dropped</span></li>
              <li><span className="drop-demo">×</span><span>dropped message (space-time diagram)</span></li>
              <li><span className="cut-demo">✂ cut</span><span>link down in both directions (the trace's <code>link</code> records); <span className="cut-demo">✂ a → b</span> only one way (a one-way partition: a cannot reach b)</span></li>
              <li><span className="marker-demo fault">⚡</span><span>fault on the scrubber</span></li>
              <li><span className="marker-demo stale">✗</span><span>stale read on the scrubber (the first of a run of them)</span></li>
              <li><span className="badge bad">DEPOSED</span><span>old primary still taking writes from clients cut off from the new one (split brain); fenced ones refuse writes</span></li>
              <li><span className="badge bad">LEFT OUT</span><span>a returning old primary under <code>failover.flavor: mysql</code>: it keeps what the new primary lacks (errant transactions) and stays out until an operator acts</span></li>
              <li><span className="marker-demo lesson">◆</span><span>a lesson&apos;s key moment (scrubber)</span></li>
              <li><span className="marker-demo caption">▾</span><span>a lesson&apos;s caption (scrubber)</span></li>
              <li><span className="glyph-demo">○ ◐ ●</span><span>course: lesson not started / opened or partly answered / every question answered</span></li>
            </ul>
            <h3>Failover steps</h3>
            <p className="hint">On the scrubber, in the failover timeline and in captions.</p>
            <ul className="legend-list" data-testid="help-failover-glyphs">
              {Object.keys(STEP_GLYPH).map((k) => (
                <li key={k}><span className="marker-demo failover">{STEP_GLYPH[k]}</span><span><b>{STEP_TITLE[k]}</b>: {STEP_MEANING[k] ?? STEP_TITLE[k]}</span></li>
              ))}
              <li><span className="marker-demo failover">⇄</span><span>another failover event (its tooltip says which)</span></li>
            </ul>
          </section>
        </div>
      </div>
    </div>
  );
}
