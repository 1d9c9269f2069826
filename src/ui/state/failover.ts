import type { TraceRecord } from '../../model/trace.ts';
import { parseDuration } from '../../scenario/units.ts';
import type { Frame, Marker, NodeView, Timeline } from './types.ts';

/**
 * Failover, replication-mode and lost-write state derived from the trace: what each primary
 * is waiting for, who is deposed or fenced, the failover steps as a narrated timeline, and
 * which writes (and log entries) left history when. Pure; built once per timeline.
 */

export interface FailoverStepView {
  tUs: number;
  step: string;
  from?: string;
  to?: string;
  term?: number;
  detail: string;
}

/** The scenario's replication and fencing settings, as far as the pictures need them. */
export interface ModeSettings {
  mode: string;
  waitFor: number | 'all';
  ackOn: string;
  waitPoint: string;
  timeoutUs: number;
  quorum: string;
  standbys: string[];
  fencing: string;
  minReplicas: number;
}

export interface LostEntry {
  tUs: number;
  lsn: number;
  term: number;
  op: number;
}

interface WaitSeries {
  t: number[];
  n: number[];
  /** Commit time of the oldest waiting commit, or -1. */
  oldest: number[];
}

export interface FailoverIndex {
  steps: FailoverStepView[];
  /** Operation → when it first left history (write.lost). */
  lostAt: Map<number, number>;
  /** Node → entries it held that left history, in order. */
  lostByNode: Map<string, LostEntry[]>;
  /** "node|lsn|term" → when that entry left history on that node. */
  lostEntry: Map<string, number>;
  /** Operation → when its client got the success ack. */
  ackAt: Map<number, number>;
  /** Operation → workload group. */
  opGroup: Map<number, string>;
  /** Per node: commit times and their ops, in order (for "still accepting writes from …"). */
  commits: Map<string, { t: number[]; op: number[] }>;
  /** Per node: commits waiting for replica acknowledgements, as a step function of time. */
  waiting: Map<string, WaitSeries>;
  settings: ModeSettings;
}

const settingsFor = new WeakMap<Timeline, ModeSettings>();
const cache = new WeakMap<Timeline, FailoverIndex>();

/** Remembers the scenario document behind a timeline (replication mode, standbys, fencing). */
export function attachScenario(tl: Timeline, doc: Record<string, unknown> | null | undefined): void {
  settingsFor.set(tl, modeSettings(doc, tl));
  cache.delete(tl);
}

export function modeSettings(doc: Record<string, unknown> | null | undefined, tl?: Timeline): ModeSettings {
  const r = (doc?.replication ?? {}) as Record<string, unknown>;
  const f = (doc?.failover ?? {}) as Record<string, unknown>;
  let timeoutUs = 10_000_000;
  try {
    if (typeof r.timeout === 'string' || typeof r.timeout === 'number') timeoutUs = parseDuration(r.timeout);
  } catch {
    /* keep the default */
  }
  const nodes = Array.isArray(doc?.nodes) ? (doc!.nodes as { id: string; role?: string }[]) : [];
  const replicas = nodes.length ? nodes.filter((n) => n.role !== 'primary').map((n) => n.id) : (tl?.nodeIds.slice(1) ?? []);
  return {
    mode: typeof r.mode === 'string' ? r.mode : tl?.replication || 'async',
    waitFor: r.waitFor === 'all' ? 'all' : typeof r.waitFor === 'number' ? r.waitFor : 1,
    ackOn: typeof r.ackOn === 'string' ? r.ackOn : 'receive',
    waitPoint: typeof r.waitPoint === 'string' ? r.waitPoint : 'after-sync',
    timeoutUs,
    quorum: typeof r.quorum === 'string' ? r.quorum : 'first',
    standbys: Array.isArray(r.standbys) && r.standbys.length ? (r.standbys as string[]) : replicas,
    fencing: typeof f.fencing === 'string' ? f.fencing : 'none',
    minReplicas: typeof f.minReplicas === 'number' ? f.minReplicas : 1,
  };
}

/** The index for a timeline, built on first use. */
export function failoverIndex(tl: Timeline): FailoverIndex {
  let ix = cache.get(tl);
  if (!ix) {
    ix = buildFailoverIndex(tl.records, settingsFor.get(tl) ?? modeSettings(null, tl));
    cache.set(tl, ix);
  }
  return ix;
}

export function buildFailoverIndex(records: TraceRecord[], settings: ModeSettings): FailoverIndex {
  const ix: FailoverIndex = {
    steps: [], lostAt: new Map(), lostByNode: new Map(), lostEntry: new Map(), ackAt: new Map(),
    opGroup: new Map(), commits: new Map(), waiting: new Map(), settings,
  };
  const committedBy = new Map<number, string>();
  /** Per node: commit times of the commits still waiting, oldest first (acks release in order). */
  const queues = new Map<string, { times: number[]; ops: Set<number>; head: number }>();
  const queueOf = (node: string) => {
    let q = queues.get(node);
    if (!q) queues.set(node, (q = { times: [], ops: new Set(), head: 0 }));
    return q;
  };
  const mark = (node: string, t: number) => {
    const q = queueOf(node);
    let s = ix.waiting.get(node);
    if (!s) ix.waiting.set(node, (s = { t: [], n: [], oldest: [] }));
    const n = q.ops.size;
    const oldest = n > 0 ? q.times[q.head] : -1;
    const last = s.t.length - 1;
    if (last >= 0 && s.t[last] === t) {
      s.n[last] = n;
      s.oldest[last] = oldest;
    } else {
      s.t.push(t);
      s.n.push(n);
      s.oldest.push(oldest);
    }
  };
  for (const r of records) {
    switch (r.type) {
      case 'write.issue':
        ix.opGroup.set(r.op, r.group);
        break;
      case 'write.commit': {
        committedBy.set(r.op, r.node);
        let c = ix.commits.get(r.node);
        if (!c) ix.commits.set(r.node, (c = { t: [], op: [] }));
        c.t.push(r.t);
        c.op.push(r.op);
        const q = queueOf(r.node);
        q.times.push(r.t);
        q.ops.add(r.op);
        mark(r.node, r.t);
        break;
      }
      case 'msg':
        if (r.kind === 'write-ack' && r.op !== undefined && committedBy.get(r.op) === r.from) {
          committedBy.delete(r.op);
          const q = queueOf(r.from);
          if (q.ops.delete(r.op)) {
            // Releases are in LSN order, so the oldest waiting commit is the first still in the set.
            while (q.head < q.times.length && q.ops.size < q.times.length - q.head) q.head++;
            mark(r.from, r.t);
          }
        }
        break;
      case 'write.ack':
        if (!ix.ackAt.has(r.op)) ix.ackAt.set(r.op, r.t);
        break;
      case 'write.lost': {
        if (!ix.lostAt.has(r.op)) ix.lostAt.set(r.op, r.t);
        let list = ix.lostByNode.get(r.node);
        if (!list) ix.lostByNode.set(r.node, (list = []));
        list.push({ tUs: r.t, lsn: r.lsn, term: r.term, op: r.op });
        const k = `${r.node}|${r.lsn}|${r.term}`;
        if (!ix.lostEntry.has(k)) ix.lostEntry.set(k, r.t);
        break;
      }
      case 'node.state':
        if (r.state === 'down' || r.role !== 'primary') {
          // A primary that crashed or stepped down forgets its waiting commits.
          const q = queues.get(r.node);
          if (q && q.ops.size > 0) {
            for (const op of q.ops) committedBy.delete(op);
            queues.set(r.node, { times: [], ops: new Set(), head: 0 });
            mark(r.node, r.t);
          }
        }
        break;
      case 'failover':
        ix.steps.push({ tUs: r.t, step: r.step, from: r.from, to: r.to, term: r.term, detail: r.detail });
        break;
      // Interim: the dedicated records shown as the step rows the panels read today.
      case 'mode.state':
        ix.steps.push({ tUs: r.t, step: 'mode', from: r.node, detail: r.waiting ? 'replicas caught up: semi-sync is back on' : `semi-sync timed out: falling back to async (${r.waitingCommits} commits released)` });
        break;
      case 'fence':
        if (r.fenced && r.cause !== 'switchover') ix.steps.push({ tUs: r.t, step: 'fenced', from: r.node, detail: r.cause === 'lease' ? `${r.node} could not renew its lease: it stops accepting writes` : `${r.node} hears from fewer than minReplicas replicas: it refuses writes` });
        break;
      case 'rollback':
        ix.steps.push({ tUs: r.t, step: 'rollback', from: r.node, to: r.primary, term: r.term, detail: `${r.node} rolls back ${r.entries} entries past LSN ${r.toLsn} that ${r.primary} lacks` });
        break;
      default:
        break;
    }
  }
  return ix;
}

/** Index of the last element ≤ t in a sorted array, or -1. */
function lastAtOrBefore(a: number[], t: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/** Commits on `node` waiting for replica acknowledgements at t, and since when the oldest waits. */
export function waitingAt(ix: FailoverIndex, node: string, tUs: number): { count: number; oldestUs: number | null } {
  const s = ix.waiting.get(node);
  if (!s) return { count: 0, oldestUs: null };
  const i = lastAtOrBefore(s.t, tUs);
  if (i < 0) return { count: 0, oldestUs: null };
  return { count: s.n[i], oldestUs: s.oldest[i] >= 0 ? s.oldest[i] : null };
}

/** Whether semi-sync on `node` has fallen back to async at t (the engine's `mode` notes). */
export function fellBackAt(ix: FailoverIndex, node: string, tUs: number): boolean {
  let fell = false;
  for (const s of ix.steps) {
    if (s.tUs > tUs) break;
    if (s.step === 'mode' && s.from === node) fell = /falling back|fell back/i.test(s.detail);
  }
  return fell;
}

/** The newest step of `kind` about `node` at or before t. */
function lastStep(ix: FailoverIndex, tUs: number, pred: (s: FailoverStepView) => boolean): FailoverStepView | undefined {
  let out: FailoverStepView | undefined;
  for (const s of ix.steps) {
    if (s.tUs > tUs) break;
    if (pred(s)) out = s;
  }
  return out;
}

/** Workload groups whose writes `node` committed in (t - windowUs, t]. */
export function writersAt(ix: FailoverIndex, node: string, tUs: number, windowUs = 1_000_000): string[] {
  const c = ix.commits.get(node);
  if (!c) return [];
  const out = new Set<string>();
  for (let i = lastAtOrBefore(c.t, tUs); i >= 0 && c.t[i] > tUs - windowUs; i--) {
    const g = ix.opGroup.get(c.op[i]);
    if (g) out.add(g);
    if (out.size > 4) break;
  }
  return [...out].sort();
}

/** Writes that were acknowledged to a client and then left history, both by t. */
export function lostAckedAt(ix: FailoverIndex, tUs: number): number {
  let n = 0;
  for (const [op, lost] of ix.lostAt) {
    const acked = ix.ackAt.get(op);
    if (lost <= tUs && acked !== undefined && acked <= tUs) n++;
  }
  return n;
}

export type Tone = 'ok' | 'info' | 'warn' | 'bad';

/** What a node's card says about it beyond its positions. */
export interface NodeStatus {
  /** The role line: PRIMARY, DEPOSED PRIMARY, FENCED PRIMARY, REPLICA, … */
  role: string;
  /** A short line for the card (≤ ~28 characters). */
  short: string;
  /** A sentence for the inspector and the header; '' when there is nothing to add. */
  long: string;
  /** What the card's pill adds to its lines (≤ ~36 characters); '' for none. */
  pill: string;
  tone: Tone;
  /** Set when the node's term is behind the cluster's: "term 1 < 2". */
  staleTerm: string | null;
}

/** The highest term any node has reached by the frame. */
export function clusterTerm(frame: Frame): number {
  return Math.max(1, ...frame.nodes.map((n) => n.term));
}

const fmtS = (us: number) => (us >= 1_000_000 ? `${(us / 1_000_000).toFixed(1)} s` : `${Math.round(us / 1000)} ms`);

/** The replication promise of the acting primary, in a phrase: for the header and the primary's card. */
export function modeStatus(ix: FailoverIndex, frame: Frame, node: string): { short: string; long: string; pill: string; tone: Tone } {
  const s = ix.settings;
  const { count, oldestUs } = waitingAt(ix, node, frame.tUs);
  const waitFor = s.waitFor === 'all' ? 'all' : String(s.waitFor);
  if (s.mode === 'semi-sync') {
    if (fellBackAt(ix, node, frame.tUs))
      return { short: 'ASYNC: semi-sync timed out', long: 'semi-sync timed out → async: acknowledges at commit, a crash now loses writes', pill: 'acks at commit: a crash loses writes', tone: 'bad' };
    if (count > 0) {
      const age = oldestUs !== null ? frame.tUs - oldestUs : 0;
      const slow = age > Math.min(200_000, s.timeoutUs / 4);
      return {
        short: slow ? `semi-sync · ${count} waiting` : 'semi-sync',
        long: `semi-sync · ${count} commit${count === 1 ? '' : 's'} waiting for ${waitFor === '1' ? 'a replica ack' : `${waitFor} replica acks`}${slow ? ` (oldest ${fmtS(age)}; async after ${fmtS(s.timeoutUs)})` : ''}`,
        pill: slow ? `oldest waits ${fmtS(age)} · async at ${fmtS(s.timeoutUs)}` : '',
        tone: slow ? 'warn' : 'info',
      };
    }
    const ack = s.ackOn === 'receive' ? 'received' : s.ackOn === 'flush' ? 'flushed' : 'applied';
    return { short: 'semi-sync', long: `semi-sync · acks once ${waitFor} replica${waitFor === '1' ? ' has' : 's have'} ${ack} the write (${s.waitPoint})`, pill: `acks once ${waitFor} replica${waitFor === '1' ? ' has' : 's have'} it`, tone: 'ok' };
  }
  if (s.mode === 'sync') {
    const others = s.standbys.filter((x) => x !== node);
    const up = new Set(frame.nodes.filter((n) => n.up).map((n) => n.id));
    const cut = new Set(frame.cutLinks.filter(([a, b]) => a === node || b === node).map(([a, b]) => (a === node ? b : a)));
    const live = others.filter((x) => up.has(x) && !cut.has(x));
    const k = s.waitFor === 'all' ? others.length : s.waitFor;
    const names = s.quorum === 'any' ? `ANY ${k} of (${others.join(', ')})` : `FIRST ${k} (${(live.length >= k ? live.slice(0, k) : others.slice(0, k)).join(', ')})`;
    if (count > 0) {
      const age = oldestUs !== null ? frame.tUs - oldestUs : 0;
      const stuck = live.length < k;
      return {
        short: stuck || age > 200_000 ? `sync · ${count} waiting` : 'sync',
        long: `sync · waiting for ${names}: ${count} commit${count === 1 ? '' : 's'}${age > 200_000 ? `, oldest ${fmtS(age)}` : ''}${stuck ? ' — too few standbys answer; no fallback' : ''}`,
        pill: `waiting for ${names}`,
        tone: stuck || age > 200_000 ? 'bad' : 'info',
      };
    }
    return { short: 'sync', long: `sync · waits for ${names}`, pill: `waits for ${names}`, tone: 'ok' };
  }
  return { short: 'async', long: 'async · acks at local commit, before any replica has the write', pill: 'acks before any replica has it', tone: 'info' };
}

/** Role line, card line and sentence for one node at the frame. */
export function nodeStatus(ix: FailoverIndex, frame: Frame, n: NodeView): NodeStatus {
  const ct = clusterTerm(frame);
  const staleTerm = n.role === 'primary' && n.term < ct ? `term ${n.term} < ${ct}` : null;
  const acting = frame.primary === n.id;
  if (n.role !== 'primary') {
    const rb = lastStep(ix, frame.tUs, (s) => s.step === 'rollback' && s.from === n.id);
    if (rb && frame.tUs - rb.tUs < 2_000_000) return { role: 'REPLICA', short: 'rolled back its fork', long: rb.detail, pill: '', tone: 'bad', staleTerm: null };
    const cand = lastStep(ix, frame.tUs, (s) => s.to === n.id && (s.step === 'candidate' || s.step === 'catch-up'));
    const after = cand && lastStep(ix, frame.tUs, (s) => s.tUs >= cand.tUs && s.to === n.id && /promoted|aborted|refused/.test(s.step));
    if (cand && !after) return { role: 'CANDIDATE', short: 'catching up to promote', long: cand.detail, pill: '', tone: 'warn', staleTerm: null };
    return { role: 'REPLICA', short: '', long: '', pill: '', tone: 'ok', staleTerm: null };
  }
  if (!n.up) {
    return staleTerm
      ? { role: 'DEPOSED PRIMARY', short: `down · ${staleTerm}`, long: `deposed while down (${staleTerm}): rejoins as a replica`, pill: 'deposed: will rejoin as a replica', tone: 'bad', staleTerm }
      : lastStep(ix, frame.tUs, (s) => s.step === 'refused' && s.from === n.id)
        ? { role: 'PRIMARY (DOWN)', short: 'down: writes fail', long: 'the primary is down and the manager refused to promote: writes fail until it returns', pill: 'promotion refused: writes down', tone: 'bad', staleTerm }
        : { role: 'PRIMARY (DOWN)', short: 'down: writes fail', long: 'the primary is down: writes fail until a failover or a restart', pill: 'writes fail until failover', tone: 'bad', staleTerm };
  }
  const fenced = n.state === 'fenced';
  if (fenced) {
    const f = lastStep(ix, frame.tUs, (s) => s.step === 'fenced' && s.from === n.id);
    const why = f && /lease/.test(f.detail)
      ? 'FENCED: lease expired'
      : f && /minReplicas/.test(f.detail)
        ? `refuses writes: fewer than ${ix.settings.minReplicas} replica${ix.settings.minReplicas === 1 ? '' : 's'}`
        : 'FENCED: refuses writes';
    return { role: staleTerm ? 'DEPOSED · FENCED' : 'FENCED PRIMARY', short: why, long: `${why} · refuses writes${staleTerm ? ` (${staleTerm})` : ''}`, pill: /^refuses/.test(why) ? 'fenced: no split-brain writes' : 'refuses writes: no split brain', tone: 'warn', staleTerm };
  }
  if (staleTerm) {
    const groups = writersAt(ix, n.id, frame.tUs);
    return groups.length
      ? { role: 'DEPOSED PRIMARY', short: `still acks ${groups.join(', ')}`, long: `DEPOSED · still accepting writes from ${groups.join(', ')} (${staleTerm}): each one is lost`, pill: 'thinks it is primary: every ack is lost', tone: 'bad', staleTerm }
      : { role: 'DEPOSED PRIMARY', short: staleTerm, long: `DEPOSED (${staleTerm}): thinks it is primary`, pill: 'thinks it is still primary', tone: 'bad', staleTerm };
  }
  if (acting) {
    const m = modeStatus(ix, frame, n.id);
    return { role: 'PRIMARY', short: m.short, long: m.long, pill: m.pill, tone: m.tone, staleTerm: null };
  }
  return { role: 'FORMER PRIMARY', short: '', long: '', pill: '', tone: 'warn', staleTerm };
}

/** Glyph per failover step, for markers and lists. */
export const STEP_GLYPH: Record<string, string> = {
  detected: '◉', candidate: '◎', 'catch-up': '⇢', promoted: '★', lost: '✗', repointed: '↪', rollback: '↶',
  refused: '⊘', cleared: '✓', fenced: '▣', mode: '≈', blocked: '‖', aborted: '↯', waiting: '…',
};

/** A failover step in words a database engineer expects ("detected", "promoted"). */
export const STEP_TITLE: Record<string, string> = {
  detected: 'failure detected', candidate: 'candidate chosen', 'catch-up': 'catch-up', promoted: 'promoted',
  lost: 'writes leave history', repointed: 'repointed', rollback: 'rollback', refused: 'promotion refused',
  cleared: 'cleared', fenced: 'fenced', mode: 'replication mode', blocked: 'blocked (cooldown)', aborted: 'aborted',
  waiting: 'waiting for a manual promote',
};

export function stepCaption(s: FailoverStepView): string {
  return `${STEP_GLYPH[s.step] ?? '⇄'} ${STEP_TITLE[s.step] ?? s.step}: ${s.detail}`;
}

/** The newest failover step at or before t (for the automatic caption). */
export function stepAt(ix: FailoverIndex, tUs: number): FailoverStepView | null {
  return lastStep(ix, tUs, () => true) ?? null;
}

export interface Episode {
  /** The fault that started it, if the trace names one (crash, partition) shortly before. */
  cause?: { tUs: number; text: string; detail: string };
  steps: (FailoverStepView & { lostAcked?: number })[];
  lostAcked: number;
}

/**
 * Failovers (and refusals, fencing, mode changes) grouped into episodes: each `detected` (or a
 * manual `candidate`, a `mode` or `fenced` note on its own) starts one; later steps join it.
 */
export function episodes(tl: Timeline, ix: FailoverIndex): Episode[] {
  const out: Episode[] = [];
  let cur: Episode | null = null;
  const faults = tl.records.filter((r): r is Extract<TraceRecord, { type: 'fault' }> => r.type === 'fault');
  // A `detected` opens a new episode unless the current one is only a prelude (fencing, a mode
  // change) of the same fault; a manual `candidate` opens one after a finished failover.
  const finished = (e: Episode) => e.steps.some((x) => /^(detected|candidate|promoted|repointed|refused|cleared)$/.test(x.step));
  const starts = (s: FailoverStepView) =>
    (s.step === 'detected' && (!cur || finished(cur) || s.tUs - cur.steps[0].tUs > 30_000_000)) ||
    (s.step === 'candidate' && (!cur || cur.steps.some((x) => x.step === 'promoted' || x.step === 'repointed')));
  for (const s of ix.steps) {
    if (!cur || starts(s)) {
      const cause = [...faults].reverse().find((f) => f.t <= s.tUs && f.t > s.tUs - 30_000_000 && (!s.from || f.nodes.includes(s.from)) && f.kind !== 'heal' && f.kind !== 'recover');
      const text = cause && (cause.kind === 'crash' ? `${cause.nodes[0]} crashed` : cause.kind === 'degrade' ? 'links degraded' : cause.kind);
      cur = { cause: cause && text && !out.some((e) => e.cause?.tUs === cause.t) ? { tUs: cause.t, text, detail: cause.detail || text } : undefined, steps: [], lostAcked: 0 };
      out.push(cur);
    }
    cur.steps.push({ ...s });
  }
  // Acknowledged writes that left history, credited to the episode in force when they did.
  const bounds = out.map((e) => e.steps[0].tUs);
  for (const [op, lostUs] of ix.lostAt) {
    if (!ix.ackAt.has(op)) continue;
    let k = lastAtOrBefore(bounds, lostUs);
    if (k < 0) k = 0;
    if (out[k]) out[k].lostAcked++;
  }
  return out;
}

/** Scrubber marks: a failover's steps keep their own glyphs; lost writes fold into runs. */
export interface ScrubMark {
  tUs: number;
  /** When > tUs, the mark is a band to this time. */
  untilUs: number;
  kind: Marker['kind'];
  glyph: string;
  title: string;
}

const MARK_PRIORITY = ['promoted', 'detected', 'refused', 'fenced', 'rollback', 'lost', 'candidate', 'catch-up', 'repointed', 'cleared', 'mode'];

export function scrubMarks(tl: Timeline, mergeUs = Math.max(1, tl.endUs * 0.012)): ScrubMark[] {
  const out: ScrubMark[] = [];
  const fmt = (us: number) => `${(us / 1_000_000).toFixed(3)} s`;
  let lost: { from: number; to: number; n: number; nodes: Set<string> } | null = null;
  const flushLost = () => {
    if (!lost) return;
    out.push({
      tUs: lost.from, untilUs: lost.to, kind: 'lost', glyph: '✗',
      title: `${lost.n} write${lost.n === 1 ? '' : 's'} left history on ${[...lost.nodes].join(', ')}${lost.to > lost.from ? ` (${fmt(lost.from)} – ${fmt(lost.to)})` : ` at ${fmt(lost.from)}`}`,
    });
    lost = null;
  };
  let group: { marks: Marker[]; steps: string[] } | null = null;
  const flushGroup = () => {
    if (!group) return;
    const steps = group.steps;
    const main = MARK_PRIORITY.find((p) => steps.includes(p));
    const first = group.marks[0];
    const kind = group.marks.some((m) => m.kind === 'failover') ? 'failover' : first.kind;
    const glyph = main ? STEP_GLYPH[main] : first.kind === 'fault' ? '⚡' : first.kind === 'stale' ? '✗' : '⇄';
    out.push({ tUs: first.tUs, untilUs: first.tUs, kind, glyph, title: group.marks.map((m) => `${fmt(m.tUs)}: ${m.label}`).join('\n') });
    group = null;
  };
  for (const m of tl.markers) {
    if (m.kind === 'lost') {
      const node = /lost on (\S+)/.exec(m.label)?.[1] ?? '';
      if (lost && m.tUs - lost.to <= mergeUs) {
        lost.to = m.tUs;
        lost.n++;
        lost.nodes.add(node);
      } else {
        flushLost();
        lost = { from: m.tUs, to: m.tUs, n: 1, nodes: new Set([node]) };
      }
      continue;
    }
    const step = m.kind === 'failover' ? /^Failover (\S+)/.exec(m.label)?.[1] ?? '' : '';
    // Steps within a hair of each other (catch-up, promoted, repointed at one instant) share a mark.
    if (group && m.tUs - group.marks[0].tUs <= mergeUs / 6 && (m.kind === group.marks[0].kind || (m.kind === 'failover') === (group.marks[0].kind === 'failover'))) {
      group.marks.push(m);
      if (step) group.steps.push(step);
    } else {
      flushGroup();
      group = { marks: [m], steps: step ? [step] : [] };
    }
  }
  flushGroup();
  flushLost();
  return out.sort((a, b) => a.tUs - b.tUs);
}

/** One row of a node's log as the inspector lists it, with its fate. */
export interface LogRow {
  lsn: number;
  key: number;
  term: number;
  status: 'applied' | 'received' | 'committed' | 'lost';
  /** For lost rows: the client had been told it succeeded. */
  acked?: boolean;
  lostAtUs?: number;
}

/**
 * The tail of a node's log at the frame, newest first, from this node's point of view: an
 * entry it committed itself wins over a later commit of the same LSN elsewhere (split brain),
 * and entries that left history are marked lost from the moment they did.
 */
export function nodeLogRows(tl: Timeline, ix: FailoverIndex, frame: Frame, nodeId: string, limit = 12): LogRow[] {
  const n = frame.nodes.find((x) => x.id === nodeId);
  if (!n) return [];
  const head = frame.nodes.find((x) => x.id === frame.primary)?.committedLsn ?? 0;
  const top = Math.max(n.receivedLsn, n.committedLsn, n.role === 'primary' ? 0 : head);
  const out: LogRow[] = [];
  for (let lsn = top; lsn >= 1 && out.length < limit; lsn--) {
    const list = tl.commits.get(lsn) ?? [];
    let c = undefined as (typeof list)[number] | undefined;
    for (const x of list) if (x.tUs <= frame.tUs && (x.node === nodeId || !c || c.node !== nodeId)) c = x;
    if (!c) continue;
    const lostAtUs = ix.lostEntry.get(`${nodeId}|${lsn}|${c.term}`);
    if (lostAtUs !== undefined && lostAtUs <= frame.tUs) {
      const acked = ix.ackAt.get(c.op);
      out.push({ lsn, key: c.key, term: c.term, status: 'lost', acked: acked !== undefined && acked <= frame.tUs, lostAtUs });
      continue;
    }
    const status = lsn <= n.appliedLsn ? 'applied' : lsn <= n.receivedLsn ? 'received' : 'committed';
    out.push({ lsn, key: c.key, term: c.term, status });
  }
  return out;
}

/** Entries `node` held that left history by t: how many, how many acknowledged, the LSN range. */
export function lostOnNode(ix: FailoverIndex, node: string, tUs: number): { count: number; acked: number; fromLsn: number; toLsn: number } {
  let count = 0;
  let acked = 0;
  let fromLsn = Infinity;
  let toLsn = 0;
  for (const e of ix.lostByNode.get(node) ?? []) {
    if (e.tUs > tUs) break;
    count++;
    const a = ix.ackAt.get(e.op);
    if (a !== undefined && a <= tUs) acked++;
    fromLsn = Math.min(fromLsn, e.lsn);
    toLsn = Math.max(toLsn, e.lsn);
  }
  return { count, acked, fromLsn: count ? fromLsn : 0, toLsn };
}
