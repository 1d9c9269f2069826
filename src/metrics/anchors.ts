import type { FailoverStep, TraceRecord } from '../model/trace.ts';
import { editDistance } from './edit-distance.ts';

/*
 * Event anchors: names for a lesson's key moments (`on: first-stale-read`), each resolved
 * from the trace to the time it first happens. The list is closed and documented in the
 * README; some take a qualifier after a colon (`lag-peak:replica-eu`, `first-stale-read:viewers`).
 */

/** What an anchor's qualifier names (checked against the scenario by the scenario layer). */
export type QualifierKind = 'node' | 'group' | 'fault';

interface AnchorDef {
  /** What the qualifier names; absent = the anchor takes none. */
  qualifier?: QualifierKind;
  /** The qualifier must be given. */
  required?: boolean;
  /** Plain words for a marker label and the README. */
  label: string;
}

/** Every failover step, once: a record over the union, so the compiler notices a step added or removed. */
const STEP_SET: Record<FailoverStep, true> = { detected: true, cleared: true, waiting: true, blocked: true, 'no-candidate': true, refused: true, candidate: true, aborted: true, 'catch-up': true, promoted: true, repointed: true };
const FAILOVER_STEPS = Object.keys(STEP_SET) as FailoverStep[];

/** Fault kinds a `fault:<kind>` anchor may name (the `kind` of the model's fault records). */
export const FAULT_KINDS = ['crash', 'recover', 'partition', 'heal', 'degrade', 'stall-apply', 'slow-primary', 'promote', 'switchover'] as const;

export const ANCHORS: Readonly<Record<string, AnchorDef>> = {
  'first-write': { qualifier: 'group', label: 'first write sent' },
  'first-commit': { label: 'first commit on the primary' },
  'first-write-ack': { qualifier: 'group', label: 'first write acknowledged' },
  'first-receive': { qualifier: 'node', label: 'a replica receives its first log entry' },
  'first-apply': { qualifier: 'node', label: 'a replica applies its first log entry' },
  'first-read': { qualifier: 'group', label: 'first read answered' },
  'first-fresh-read': { qualifier: 'group', label: 'first fresh read' },
  'first-stale-read': { qualifier: 'group', label: 'first stale read' },
  'first-ryw-violation': { qualifier: 'group', label: 'first read-your-writes violation' },
  'first-monotonic-violation': { qualifier: 'group', label: 'first monotonic-read violation' },
  'first-primary-read': { qualifier: 'group', label: 'first read answered by the primary' },
  'first-held-read': { qualifier: 'node', label: 'first read held for its token' },
  'first-read-fallback': { qualifier: 'node', label: 'first held read sent to the primary' },
  'first-write-failed': { qualifier: 'group', label: 'first write given up' },
  'semi-sync-fallback': { qualifier: 'node', label: 'semi-sync falls back to async' },
  'semi-sync-restored': { qualifier: 'node', label: 'semi-sync is back on' },
  fault: { qualifier: 'fault', label: 'fault' },
  'primary-change': { qualifier: 'node', label: 'a new primary' },
  'failover.completed': { label: 'failover completed' },
  ...Object.fromEntries(FAILOVER_STEPS.map((s) => [`failover.${s}`, { label: `failover: ${s}` }])),
  'first-write-lost': { label: 'first acknowledged write lost' },
  'first-phantom-read': { label: 'first phantom read found (a read returned a write now lost)' },
  rollback: { qualifier: 'node', label: 'rollback' },
  fenced: { qualifier: 'node', label: 'primary fenced' },
  'stream-timeout': { qualifier: 'node', label: 'a replication connection times out' },
  'sync-standby-change': { qualifier: 'node', label: 'the synchronous standby changes' },
  errant: { qualifier: 'node', label: 'old primary left out with errant transactions' },
  'lag-peak': { qualifier: 'node', required: true, label: 'lag peak' },
  shunned: { qualifier: 'node', required: true, label: 'replica shunned' },
};

export interface Anchor {
  /** As written, e.g. `lag-peak:replica-eu`. */
  text: string;
  name: string;
  qualifier?: string;
}

/** Parses `name` or `name:qualifier`; throws an Error saying what is wrong. */
export function parseAnchor(text: string): Anchor {
  const colon = text.indexOf(':');
  const name = colon < 0 ? text : text.slice(0, colon);
  const qualifier = colon < 0 ? undefined : text.slice(colon + 1);
  const def = ANCHORS[name];
  if (!def || !Object.prototype.hasOwnProperty.call(ANCHORS, name)) throw new Error(`unknown event \`${name}\`${suggest(name, Object.keys(ANCHORS))}; events are ${Object.keys(ANCHORS).join(', ')}`);
  if (qualifier !== undefined && !def.qualifier) throw new Error(`\`${name}\` takes no \`:…\` qualifier`);
  if (qualifier === '') throw new Error(`\`${name}:\` needs a ${def.qualifier} name after the colon`);
  if (qualifier === undefined && def.required) throw new Error(`\`${name}\` needs a ${def.qualifier} name: \`${name}:<${def.qualifier}>\``);
  if (def.qualifier === 'fault' && qualifier !== undefined && !(FAULT_KINDS as readonly string[]).includes(qualifier))
    throw new Error(`unknown fault kind \`${qualifier}\`${suggest(qualifier, [...FAULT_KINDS])}; fault kinds are ${FAULT_KINDS.join(', ')}`);
  return qualifier === undefined ? { text, name } : { text, name, qualifier };
}

/** What the anchor's qualifier refers to (node or group names are checked by the scenario layer). */
export function qualifierKind(anchor: Anchor): QualifierKind | undefined {
  return anchor.qualifier === undefined ? undefined : ANCHORS[anchor.name].qualifier;
}

/** A marker label in plain words: `first stale read (viewers)`. */
export function anchorLabel(anchor: Anchor): string {
  const base = ANCHORS[anchor.name].label;
  return anchor.qualifier === undefined ? base : `${base} (${anchor.qualifier})`;
}

/** What the resolver needs from the scenario besides the trace. */
export interface AnchorContext {
  /** Lag the monitor reports: true lag (heartbeat) or Seconds_Behind_Master. */
  monitorMeasure: 'heartbeat' | 'seconds-behind' | 'replay-lag';
  /** The smallest bounded-staleness `maxLag` of any group (µs); absent if none uses it. */
  maxLagUs?: number;
}

/**
 * Folds trace records into the time of one anchor. `first` anchors settle on their first
 * match; `lag-peak` keeps the apply with the longest delay since commit (lag is highest just
 * before the replica applies its oldest unapplied entry, and that entry's delay is the lag).
 */
export class AnchorFold {
  private tUs: number | undefined;
  private peakUs = -1;
  private readonly match: (r: TraceRecord) => boolean;

  constructor(
    readonly anchor: Anchor,
    private readonly context: AnchorContext,
  ) {
    this.match = matcher(anchor, context);
  }

  accept(r: TraceRecord): void {
    if (this.anchor.name === 'lag-peak') {
      if (r.type === 'entry.apply' && r.node === this.anchor.qualifier && r.delayUs > this.peakUs) {
        this.peakUs = r.delayUs;
        this.tUs = r.t;
      }
      return;
    }
    if (this.tUs === undefined && this.match(r)) this.tUs = r.t;
  }

  /** The time it happened (µs), or undefined if it never did. */
  get timeUs(): number | undefined {
    return this.tUs;
  }
}

function matcher(a: Anchor, ctx: AnchorContext): (r: TraceRecord) => boolean {
  const q = a.qualifier;
  const is = (v: string | null | undefined) => q === undefined || v === q;
  switch (a.name) {
    case 'first-write': return (r) => r.type === 'write.issue' && is(r.group);
    case 'first-commit': return (r) => r.type === 'write.commit';
    case 'first-write-ack': return (r) => r.type === 'write.ack' && is(r.group);
    case 'first-receive': return (r) => r.type === 'entry.receive' && is(r.node);
    case 'first-apply': return (r) => r.type === 'entry.apply' && is(r.node);
    case 'first-read': return (r) => r.type === 'read.done' && is(r.group);
    case 'first-fresh-read': return (r) => r.type === 'read.done' && !r.stale && is(r.group);
    case 'first-stale-read': return (r) => r.type === 'read.done' && r.stale && is(r.group);
    case 'first-ryw-violation': return (r) => r.type === 'read.done' && r.rywViolation && is(r.group);
    case 'first-monotonic-violation': return (r) => r.type === 'read.done' && r.monotonicViolation && is(r.group);
    case 'first-primary-read': {
      // The primary of the moment, as the cluster sees it (primary.change records).
      let primary: string | null = null;
      return (r) => {
        if (r.type === 'primary.change') primary = r.node;
        return r.type === 'read.done' && r.node === primary && is(r.group);
      };
    }
    case 'first-held-read': return (r) => r.type === 'read.wait' && is(r.node);
    case 'first-read-fallback': return (r) => r.type === 'read.fallback' && is(r.from);
    case 'first-write-failed': return (r) => r.type === 'write.fail' && is(r.group);
    case 'semi-sync-fallback': return (r) => r.type === 'mode.state' && !r.waiting && r.cause === 'timeout' && is(r.node);
    case 'semi-sync-restored': return (r) => r.type === 'mode.state' && r.waiting && r.cause === 'caught-up' && is(r.node);
    case 'fault': return (r) => r.type === 'fault' && is(r.kind);
    case 'primary-change': return (r) => r.type === 'primary.change' && r.cause !== 'start' && is(r.node);
    case 'failover.completed': return (r) => r.type === 'failover' && r.step === 'repointed';
    case 'first-phantom-read': return (r) => r.type === 'read.phantom';
    case 'first-write-lost': {
      // An acknowledged write that left history (DESIGN.md): write.lost marks any committed
      // write that left it, so the ack must be seen too, before or after (a deposed primary
      // can acknowledge a write already lost). Kept only until the anchor resolves.
      const acked = new Set<number>();
      const lost = new Set<number>();
      return (r) => {
        if (r.type === 'write.ack') {
          if (lost.has(r.op)) return true;
          acked.add(r.op);
        } else if (r.type === 'write.lost') {
          if (acked.has(r.op)) return true;
          lost.add(r.op);
        }
        return false;
      };
    }
    case 'rollback': return (r) => r.type === 'rollback' && is(r.node);
    case 'fenced': return (r) => r.type === 'fence' && r.fenced && is(r.node);
    // Qualifier: the replica whose connection timed out (at either end).
    case 'stream-timeout': return (r) => r.type === 'conn.close' && r.cause === 'timeout' && is(r.replica);
    // Qualifier: the standby commits wait on from then on (not the first report at the start).
    case 'sync-standby-change': {
      // The first report of each primary is the standby it starts with, not a change.
      const reported = new Set<string>();
      return (r) => {
        if (r.type !== 'sync.standbys') return false;
        if (!reported.has(r.node)) {
          reported.add(r.node);
          return false;
        }
        return r.standbys.length > 0 && is(r.standbys[0]);
      };
    }
    case 'errant': return (r) => r.type === 'errant' && is(r.node);
    case 'shunned': {
      const maxLagUs = ctx.maxLagUs;
      if (maxLagUs === undefined) return () => false;
      // What the monitor told the router (null: the replica is down); older traces lack it.
      return (r) =>
        r.type === 'monitor' &&
        r.node === q &&
        (r.routedLagUs !== undefined ? r.routedLagUs === null || r.routedLagUs > maxLagUs : (ctx.monitorMeasure === 'heartbeat' ? r.trueLagUs : r.secondsBehindUs) > maxLagUs);
    }
    case 'lag-peak': return () => false; // folded in accept()
  }
  if (a.name.startsWith('failover.')) {
    const step = a.name.slice('failover.'.length);
    return (r) => r.type === 'failover' && r.step === step;
  }
  throw new Error(`anchor \`${a.name}\` has no matcher`);
}

function suggest(word: string, candidates: readonly string[]): string {
  const hit = candidates.find((c) => c.startsWith(word) || word.startsWith(c)) ?? candidates.find((c) => editDistance(c, word) <= 2);
  return hit ? ` (did you mean \`${hit}\`?)` : '';
}
