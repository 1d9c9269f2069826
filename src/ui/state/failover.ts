
import type { FenceCause, ModeStateCause, TraceRecord } from '../../model/trace.ts';
import { recordsOfTypes } from '../trace/columns.ts';
import type { Frame, Marker, NodeView, Timeline } from './types.ts';

/**
 * Failover, replication-mode and lost-write state folded from the trace's records: the
 * failover manager's steps, semi-sync fallback (mode.state), sync standby sets
 * (sync.standbys), fencing and its cause (fence), rollbacks (rollback) and writes that left
 * history (write.lost). No text is parsed and no model rule or setting is repeated here.
 * Pure; built once per timeline.
 */

export interface FailoverStepView {
  tUs: number;
  /** A failover record's step, or 'mode' / 'fenced' / 'rollback' for those records. */
  step: string;
  from?: string;
  to?: string;
  term?: number;
  /** Display text only: never parsed. */
  detail: string;
  /** 'mode' rows: true = commits wait for replicas again (semi-sync on); false = fell back to async. */
  waiting?: boolean;
  /** 'fenced' rows: why. */
  fenceCause?: FenceCause;
}

export interface LostEntry {
  tUs: number;
  lsn: number;
  term: number;
  op: number;
}

export interface RollbackView {
  tUs: number;
  node: string;
  primary: string;
  term: number;
  fromLsn: number;
  toLsn: number;
  entries: number;
}

interface Timed<T> {
  t: number[];
  v: T[];
}

export interface FailoverIndex {
  /** The replication mode the run was configured with (the trace's meta record). */
  mode: string;
  /** What a returning old primary does (`failover.flavor` in the meta record): rewound, or left out (mysql). */
  flavor: 'postgres' | 'mysql';
  steps: FailoverStepView[];
  faults: Extract<TraceRecord, { type: 'fault' }>[];
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
  /** Per node, aligned with `commits`: when the client heard the outcome (write.ack or write.fail), or Infinity. */
  answered: Map<string, { t: number[]; sorted: number[] }>;
  /** Operation → when its client got a failure (write.fail). */
  failAt: Map<number, number>;
  /** Per primary: mode.state records (waiting = semi-sync on), and why each change happened. */
  modeStates: Map<string, Timed<boolean>>;
  modeCauses: Map<string, Timed<ModeStateCause>>;
  /** Per primary: its sync standby set over time (sync.standbys). */
  standbys: Map<string, Timed<string[]>>;
  /** Per node: fence records (fenced or lifted, and why). */
  fences: Map<string, Timed<{ fenced: boolean; cause: FenceCause }>>;
  rollbacks: RollbackView[];
  /** A returning old primary left out with its extra transactions (MySQL's errant GTIDs). */
  errants: ErrantView[];
}

export interface ErrantView {
  tUs: number;
  node: string;
  primary: string;
  count: number;
  fromLsn: number;
  toLsn: number;
}

const cache = new WeakMap<Timeline, FailoverIndex>();

/** The record types this index folds (a few thousand even in a long run). */
const FAILOVER_TYPES = ['meta', 'write.issue', 'write.commit', 'write.ack', 'write.fail', 'write.lost', 'failover', 'fault', 'mode.state', 'sync.standbys', 'fence', 'rollback', 'errant'];

/** The index for a timeline, built on first use. */
export function failoverIndex(tl: Timeline): FailoverIndex {
  let ix = cache.get(tl);
  if (!ix) {
    ix = buildFailoverIndex([...recordsOfTypes(tl.trace, FAILOVER_TYPES)].map(([, r]) => r));
    cache.set(tl, ix);
  }
  return ix;
}

function push<T>(m: Map<string, Timed<T>>, key: string, t: number, v: T): void {
  let s = m.get(key);
  if (!s) m.set(key, (s = { t: [], v: [] }));
  s.t.push(t);
  s.v.push(v);
}

/** The value of a timed series at t (its last entry at or before t), or undefined. */
function valueAt<T>(s: Timed<T> | undefined, tUs: number): T | undefined {
  if (!s) return undefined;
  const i = lastAtOrBefore(s.t, tUs);
  return i >= 0 ? s.v[i] : undefined;
}

const FENCE_TEXT: Record<FenceCause, string> = {
  lease: 'could not renew its lease: it stops accepting writes',
  'min-replicas': 'hears from too few replicas (minReplicas): it refuses writes',
  switchover: 'stops writes for a planned switchover',
  'lease-renewed': 'renewed its lease: it accepts writes again',
  'replicas-back': 'hears from enough replicas again: it accepts writes',
  'switchover-aborted': 'the switchover was aborted: it accepts writes again',
  promoted: 'was promoted: it accepts writes',
  demoted: 'became a replica',
};

export function buildFailoverIndex(records: TraceRecord[]): FailoverIndex {
  const meta = records.find((r) => r.type === 'meta');
  const ix: FailoverIndex = {
    // The trace's meta record names the mode; a trace without one says nothing of it.
    mode: meta?.type === 'meta' ? meta.replication : '',
    flavor: meta?.type === 'meta' && meta.config.failover?.flavor === 'mysql' ? 'mysql' : 'postgres',
    steps: [], faults: [], lostAt: new Map(), lostByNode: new Map(), lostEntry: new Map(), ackAt: new Map(),
    opGroup: new Map(), commits: new Map(), answered: new Map(), failAt: new Map(), modeStates: new Map(), modeCauses: new Map(), standbys: new Map(), fences: new Map(), rollbacks: [], errants: [],
  };
  for (const r of records) {
    switch (r.type) {
      case 'write.issue':
        ix.opGroup.set(r.op, r.group);
        break;
      case 'write.commit': {
        let c = ix.commits.get(r.node);
        if (!c) ix.commits.set(r.node, (c = { t: [], op: [] }));
        c.t.push(r.t);
        c.op.push(r.op);
        break;
      }
      case 'write.ack':
        if (!ix.ackAt.has(r.op)) ix.ackAt.set(r.op, r.t);
        break;
      case 'write.fail':
        if (!ix.failAt.has(r.op)) ix.failAt.set(r.op, r.t);
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
      case 'failover':
        ix.steps.push({ tUs: r.t, step: r.step, from: r.from, to: r.to, term: r.term, detail: r.detail });
        break;
      case 'fault':
        ix.faults.push(r);
        break;
      case 'mode.state':
        // The primary's own decision (MySQL's semi-sync plugin switches itself off and on): shown on
        // the primary's card (modeStatus), not among the failover manager's steps.
        push(ix.modeStates, r.node, r.t, r.waiting);
        push(ix.modeCauses, r.node, r.t, r.cause);
        break;
      case 'sync.standbys':
        push(ix.standbys, r.node, r.t, r.standbys);
        break;
      case 'fence':
        push(ix.fences, r.node, r.t, { fenced: r.fenced, cause: r.cause });
        if (r.fenced && r.cause !== 'switchover') ix.steps.push({ tUs: r.t, step: 'fenced', from: r.node, fenceCause: r.cause, detail: `${r.node} ${FENCE_TEXT[r.cause]}` });
        break;
      case 'rollback':
        ix.rollbacks.push({ tUs: r.t, node: r.node, primary: r.primary, term: r.term, fromLsn: r.fromLsn, toLsn: r.toLsn, entries: r.entries });
        ix.steps.push({ tUs: r.t, step: 'rollback', from: r.node, to: r.primary, term: r.term, detail: rollbackText(r) });
        break;
      case 'errant':
        ix.errants.push({ tUs: r.t, node: r.node, primary: r.primary, count: r.count, fromLsn: r.fromLsn, toLsn: r.toLsn });
        break;
      default:
        break;
    }
  }
  for (const [node, c] of ix.commits) {
    const t = c.op.map((op) => Math.min(ix.ackAt.get(op) ?? Infinity, ix.failAt.get(op) ?? Infinity));
    ix.answered.set(node, { t, sorted: t.slice().sort((a, b) => a - b) });
  }
  return ix;
}

/**
 * Commits `node` made by t whose client had no answer yet (no write.ack or write.fail record
 * by t), and the commit time of the oldest: a count of records, not the model's ack rule.
 * Under semi-sync and sync these are the commits waiting for replicas.
 */
export function unansweredAt(ix: FailoverIndex, node: string, tUs: number): { count: number; oldestUs: number | null } {
  const c = ix.commits.get(node);
  const a = ix.answered.get(node);
  if (!c || !a) return { count: 0, oldestUs: null };
  const last = lastAtOrBefore(c.t, tUs);
  const count = last + 1 - (lastAtOrBefore(a.sorted, tUs) + 1);
  let oldestUs: number | null = null;
  // The unanswered ones are (nearly always) the newest: walk back until all are found.
  for (let i = last, found = 0; i >= 0 && found < count; i--) {
    if (a.t[i] > tUs) {
      found++;
      oldestUs = c.t[i];
    }
  }
  return { count: Math.max(0, count), oldestUs };
}

function rollbackText(r: { node: string; primary: string; fromLsn: number; toLsn: number; entries: number }): string {
  return `${r.node} rolls back ${r.entries} entr${r.entries === 1 ? 'y' : 'ies'} (LSN ${r.toLsn + 1}–${r.fromLsn}) that ${r.primary} lacks`;
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

/** Whether semi-sync on `node` has fallen back to async at t (its last mode.state record). */
export function fellBackAt(ix: FailoverIndex, node: string, tUs: number): boolean {
  return valueAt(ix.modeStates.get(node), tUs) === false;
}

/** The fence cause in force on `node` at t, or null when it is not fenced. */
export function fenceAt(ix: FailoverIndex, node: string, tUs: number): FenceCause | null {
  const f = valueAt(ix.fences.get(node), tUs);
  return f?.fenced ? f.cause : null;
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
  const { count, oldestUs } = unansweredAt(ix, node, frame.tUs);
  const age = oldestUs !== null ? frame.tUs - oldestUs : 0;
  const slow = count > 0 && age > 200_000;
  const waiting = `${count} commit${count === 1 ? '' : 's'} not acknowledged yet (oldest ${fmtS(age)})`;
  if (ix.mode === 'semi-sync') {
    if (fellBackAt(ix, node, frame.tUs)) {
      const why = valueAt(ix.modeCauses.get(node), frame.tUs) === 'no-replica' ? 'no semi-sync replica' : 'semi-sync timed out';
      return { short: `ASYNC: ${why}`, long: `${why} → async: acknowledges at commit, a crash now loses writes`, pill: 'acks at commit: a crash loses writes', tone: 'bad' };
    }
    if (slow) return { short: `semi-sync · ${count} waiting`, long: `semi-sync · ${waiting}: no replica has acknowledged them (async after the timeout)`, pill: `oldest waits ${fmtS(age)}`, tone: 'warn' };
    return { short: 'semi-sync', long: 'semi-sync · acknowledges once enough replicas have the write (async after its timeout)', pill: 'acks once replicas have it', tone: 'ok' };
  }
  if (ix.mode === 'sync') {
    const standbys = valueAt(ix.standbys.get(node), frame.tUs);
    if (standbys && standbys.length === 0)
      return { short: 'sync · no standby', long: 'sync · no standby connected: commits wait, and there is no fallback', pill: 'no standby: commits wait', tone: 'bad' };
    const names = standbys ? standbys.join(', ') : 'its standbys';
    if (slow) return { short: `sync · ${count} waiting`, long: `sync · waiting for ${names}: ${waiting}; no fallback`, pill: `waiting for ${names}`, tone: 'bad' };
    return { short: 'sync', long: `sync · waits for ${names}`, pill: `waits for ${names}`, tone: 'ok' };
  }
  return { short: 'async', long: 'async · acks at local commit, before any replica has the write', pill: 'acks before any replica has it', tone: 'info' };
}

/** The node's latest errant record at or before t, if any. */
export function errantAt(ix: FailoverIndex, node: string, tUs: number): ErrantView | undefined {
  let last: ErrantView | undefined;
  for (const e of ix.errants) if (e.tUs <= tUs && e.node === node) last = e;
  return last;
}

/** Steps after which a node is no longer a candidate. */
const CANDIDACY_ENDS = new Set(['promoted', 'aborted', 'refused']);

/** Role line, card line and sentence for one node at the frame. */
export function nodeStatus(ix: FailoverIndex, frame: Frame, n: NodeView): NodeStatus {
  const errant = errantAt(ix, n.id, frame.tUs);
  if (errant && n.up && frame.primary !== n.id) {
    const text = `${errant.count} errant transaction${errant.count === 1 ? '' : 's'} (LSN ${errant.fromLsn}–${errant.toLsn}) that ${errant.primary} lacks`;
    return { role: 'LEFT OUT', short: `${errant.count} errant txn${errant.count === 1 ? '' : 's'}`, long: `${text}: the failover tool leaves it out of the cluster until an operator acts (MySQL)`, pill: 'left out: errant transactions', tone: 'bad', staleTerm: null };
  }
  const ct = clusterTerm(frame);
  const staleTerm = n.role === 'primary' && n.term < ct ? `term ${n.term} < ${ct}` : null;
  const acting = frame.primary === n.id;
  if (n.role !== 'primary') {
    let rb: RollbackView | undefined;
    for (const x of ix.rollbacks) if (x.tUs <= frame.tUs && x.node === n.id) rb = x;
    if (rb && frame.tUs - rb.tUs < 2_000_000) return { role: 'REPLICA', short: 'rolled back its fork', long: rollbackText(rb), pill: '', tone: 'bad', staleTerm: null };
    const cand = lastStep(ix, frame.tUs, (s) => s.to === n.id && (s.step === 'candidate' || s.step === 'catch-up'));
    const after = cand && lastStep(ix, frame.tUs, (s) => s.tUs >= cand.tUs && s.to === n.id && CANDIDACY_ENDS.has(s.step));
    if (cand && !after) return { role: 'CANDIDATE', short: 'catching up to promote', long: cand.detail, pill: '', tone: 'warn', staleTerm: null };
    return { role: 'REPLICA', short: '', long: '', pill: '', tone: 'ok', staleTerm: null };
  }
  if (!n.up) {
    // What a returning deposed primary does depends on the flavour: rewound to rejoin (postgres), or left out (mysql).
    const leftOut = ix.flavor === 'mysql';
    return staleTerm
      ? {
          role: 'DEPOSED PRIMARY',
          short: `down · ${staleTerm}`,
          long: `deposed while down (${staleTerm}): ${leftOut ? 'if it returns, the failover tool leaves it out of the cluster (MySQL)' : 'rejoins as a replica'}`,
          pill: leftOut ? 'deposed: left out if it returns' : 'deposed: will rejoin as a replica',
          tone: 'bad',
          staleTerm,
        }
      : lastStep(ix, frame.tUs, (s) => s.step === 'refused' && s.from === n.id)
        ? { role: 'PRIMARY (DOWN)', short: 'down: writes fail', long: 'the primary is down and the manager refused to promote: writes fail until it returns', pill: 'promotion refused: writes down', tone: 'bad', staleTerm }
        : { role: 'PRIMARY (DOWN)', short: 'down: writes fail', long: 'the primary is down: writes fail until a failover or a restart', pill: 'writes fail until failover', tone: 'bad', staleTerm };
  }
  const fenced = n.state === 'fenced';
  if (fenced) {
    const cause = fenceAt(ix, n.id, frame.tUs);
    const why = cause === 'lease' ? 'FENCED: lease expired' : cause === 'min-replicas' ? 'refuses writes: too few replicas' : cause === 'switchover' ? 'FENCED: switchover' : 'FENCED: refuses writes';
    return { role: staleTerm ? 'DEPOSED · FENCED' : 'FENCED PRIMARY', short: why, long: `${why} · refuses writes${staleTerm ? ` (${staleTerm})` : ''}`, pill: cause === 'min-replicas' ? 'fenced: no split-brain writes' : 'refuses writes: no split brain', tone: 'warn', staleTerm };
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
  // One meaning per glyph across the page (help lists them all): ✗ is a stale read, ↶ a read that
  // went backwards, ‖ a held read, ✓ a fresh read, so lost writes, rollbacks, cooldowns and
  // cleared suspicions have glyphs of their own.
  detected: '◉', candidate: '◎', 'catch-up': '⇢', promoted: '★', lost: '⊠', repointed: '↪', rollback: '⟲',
  refused: '⊘', cleared: '◌', fenced: '▣', mode: '≈', blocked: '◷', aborted: '↯', waiting: '…',
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
  /** When each of those losses became visible (the later of its write.lost and its ack), in time order. */
  lostAckedAtUs: number[];
}

/**
 * Failovers (and refusals, fencing, mode changes) grouped into episodes: each `detected` (or a
 * manual `candidate`, a `mode` or `fenced` note on its own) starts one; later steps join it.
 */
const EPISODE_STEPS = new Set(['detected', 'candidate', 'promoted', 'repointed', 'refused', 'cleared']);

export function episodes(ix: FailoverIndex): Episode[] {
  const out: Episode[] = [];
  let cur: Episode | null = null;
  const faults = ix.faults;
  // A `detected` opens a new episode unless the current one is only a prelude (fencing, a mode
  // change) of the same fault; a manual `candidate` opens one after a finished failover.
  const finished = (e: Episode) => e.steps.some((x) => EPISODE_STEPS.has(x.step));
  const starts = (s: FailoverStepView) =>
    (s.step === 'detected' && (!cur || finished(cur) || s.tUs - cur.steps[0].tUs > 30_000_000)) ||
    (s.step === 'candidate' && (!cur || cur.steps.some((x) => x.step === 'promoted' || x.step === 'repointed')));
  for (const s of ix.steps) {
    if (!cur || starts(s)) {
      const cause = [...faults].reverse().find((f) => f.t <= s.tUs && f.t > s.tUs - 30_000_000 && (!s.from || f.nodes.includes(s.from)) && f.kind !== 'heal' && f.kind !== 'recover');
      const text = cause && (cause.kind === 'crash' ? `${cause.nodes[0]} crashed` : cause.kind === 'degrade' ? 'links degraded' : cause.kind);
      cur = { cause: cause && text && !out.some((e) => e.cause?.tUs === cause.t) ? { tUs: cause.t, text, detail: cause.detail || text } : undefined, steps: [], lostAcked: 0, lostAckedAtUs: [] };
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
    if (out[k]) {
      out[k].lostAcked++;
      out[k].lostAckedAtUs.push(Math.max(lostUs, ix.ackAt.get(op)!));
    }
  }
  for (const e of out) e.lostAckedAtUs.sort((a, b) => a - b);
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
      tUs: lost.from, untilUs: lost.to, kind: 'lost', glyph: '⊠',
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
      const node = m.node ?? '';
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
    const step = m.kind === 'failover' ? m.step ?? '' : '';
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
