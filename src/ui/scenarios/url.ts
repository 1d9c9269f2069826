import { parseClock } from '../format.ts';
import { decodeShare, encodeShare } from './share.ts';
import type { ShareFingerprint } from './share.ts';

/**
 * What the address names, so that a link opens exactly what its author saw:
 * - `?scenario=NAME&seed=N&t=12.5s&speed=2`: a built-in scenario (optionally with another seed);
 * - `?lesson=NAME&t=9s`: a lesson of the course;
 * - `#run=…`: an edited run (a what-if, a knob, a file), the whole scenario document packed in
 *   the hash; with `?lesson=NAME` beside it, that lesson on the edited document.
 * `present=1` and `embed=1` choose the presenter view and the compact embeddable player.
 */
export type Origin =
  | { kind: 'scenario'; file: string; seed?: number | string }
  | { kind: 'lesson'; file: string; document?: unknown }
  | { kind: 'document'; fileName: string; document: unknown; fingerprint?: ShareFingerprint };

export type ViewMode = 'full' | 'present' | 'embed';

export interface UrlState {
  /** null: the address names nothing (the default scenario, with the course over it). */
  origin: Origin | null;
  tUs?: number;
  speed?: number;
  view: ViewMode;
  /** Something about the address the reader should know (an old or damaged share link, a bad time). */
  notice?: string;
}

const NAME = /^[A-Za-z0-9_.-]+$/;
const fileOf = (name: string) => (/\.(ya?ml|json)$/.test(name) ? name : `${name}.yaml`);
const nameOf = (file: string) => file.replace(/\.(ya?ml|json)$/, '');

/** Reads an address (its search and hash). */
export function parseUrl(search: string, hash: string): UrlState {
  const q = new URLSearchParams(search);
  const view: ViewMode = q.get('embed') === '1' ? 'embed' : q.get('present') === '1' ? 'present' : 'full';
  const notes: string[] = [];
  const out: UrlState = { origin: null, view };
  const t = q.get('t');
  if (t !== null) {
    const us = parseClock(t);
    if (us === null) notes.push(`The address asks for time "${t}", which is not a time (write e.g. t=12.5s or t=300ms); opened at 0 s.`);
    else out.tUs = us;
  }
  const speed = q.get('speed');
  if (speed !== null) {
    const x = Number(speed.replace(/[x×]$/, ''));
    if (Number.isFinite(x) && x > 0) out.speed = x;
    else notes.push(`The address asks for speed "${speed}", which is not a positive number; the speed is unchanged.`);
  }
  const shared = decodeShare(hash);
  const lesson = q.get('lesson');
  const scenario = q.get('scenario');
  if (shared && !shared.ok) notes.push(shared.message);
  if (lesson !== null && NAME.test(lesson)) {
    out.origin = { kind: 'lesson', file: fileOf(lesson), ...(shared?.ok ? { document: shared.payload.document } : {}) };
  } else if (shared?.ok) {
    const p = shared.payload;
    out.origin = { kind: 'document', fileName: p.fileName, document: p.document, fingerprint: p.fingerprint };
  } else if (scenario !== null && NAME.test(scenario) && !(shared && !shared.ok)) {
    const seedText = q.get('seed');
    const seed = seedText === null ? undefined : /^-?\d+$/.test(seedText) ? Number(seedText) : seedText;
    out.origin = { kind: 'scenario', file: fileOf(scenario), ...(seed !== undefined ? { seed } : {}) };
  } else if (lesson !== null || scenario !== null) {
    notes.push(`The address names "${lesson ?? scenario}", which is not a scenario name; showing the default scenario.`);
  }
  if (shared?.ok && shared.notice) notes.push(shared.notice);
  if (notes.length) out.notice = notes.join(' ');
  return out;
}

/** A time as the address writes it: seconds, trimmed (12.5s, 0.000250s). */
export function formatUrlTime(tUs: number): string {
  return `${Number((tUs / 1e6).toFixed(6))}s`;
}

/** The address (search + hash, no path) for a state; `fingerprint` goes into a share link's payload. */
export function urlFor(s: { origin: Origin | null; tUs?: number; speed?: number; view?: ViewMode }, fingerprint?: ShareFingerprint): string {
  const q = new URLSearchParams();
  const o = s.origin;
  let hash = '';
  if (o?.kind === 'scenario') {
    q.set('scenario', nameOf(o.file));
    if (o.seed !== undefined) q.set('seed', String(o.seed));
  } else if (o?.kind === 'lesson') {
    q.set('lesson', nameOf(o.file));
    if (o.document !== undefined) hash = encodeShare(o.file, o.document, fingerprint);
  } else if (o?.kind === 'document') {
    hash = encodeShare(o.fileName, o.document, fingerprint ?? o.fingerprint);
  }
  if (s.tUs) q.set('t', formatUrlTime(s.tUs));
  if (s.speed !== undefined && o?.kind !== 'lesson') q.set('speed', String(Number(s.speed.toPrecision(3))));
  if (s.view === 'present') q.set('present', '1');
  if (s.view === 'embed') q.set('embed', '1');
  const search = q.toString();
  return (search ? `?${search}` : '') + hash;
}

/** The page title for what is open. */
export function titleFor(origin: Origin | null, scenarioName: string): string {
  const name = scenarioName || (origin?.kind === 'document' ? origin.fileName : '');
  if (origin?.kind === 'lesson') return `Lesson: ${name} · repsim`;
  return name ? `${name} · repsim` : 'repsim';
}

/** Whether two documents differ only in their seed (a seed edit keeps a built-in's short address). */
export function sameButSeed(a: unknown, b: unknown): boolean {
  if (typeof a !== 'object' || typeof b !== 'object' || !a || !b) return false;
  const strip = (d: object) => JSON.stringify({ ...d, seed: undefined });
  return strip(a) === strip(b);
}
