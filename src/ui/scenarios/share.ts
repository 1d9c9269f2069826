import { compressToEncodedURIComponent, decompressFromEncodedURIComponent } from 'lz-string';

/**
 * What a share link carries: the whole scenario document (seed included), its file name, and
 * (from format 2) a fingerprint of the run its author saw, so that a page whose simulator has
 * changed since says the run came out differently instead of silently showing another run.
 * Format 1 links (before the fingerprint) still open, with a notice.
 */
export interface SharePayload {
  v: 1 | 2;
  fileName: string;
  document: unknown;
  fingerprint?: ShareFingerprint;
}

/** The run a link's author saw: the report's event count and a hash of the whole report. */
export interface ShareFingerprint {
  events: number;
  report: string;
}

export const SHARE_FORMAT = 2;

/** FNV-1a (32 bit) of the report's JSON: equal reports, equal fingerprints. */
export function fingerprintOf(report: { events: number }): ShareFingerprint {
  const text = JSON.stringify(report);
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return { events: report.events, report: h.toString(16).padStart(8, '0') };
}

/** What to tell the reader when a shared run came out differently here; undefined when it matches. */
export function fingerprintNotice(expected: ShareFingerprint | undefined, actual: ShareFingerprint): string | undefined {
  if (!expected || expected.report === actual.report) return undefined;
  return `This shared run came out differently here than for the person who shared it (they saw ${expected.events.toLocaleString('en')} engine events, this page simulated ${actual.events.toLocaleString('en')}): the simulator has changed since the link was made, so its figures may differ from theirs.`;
}

const PREFIX = '#run=';

/**
 * Share links are capped so that a link cannot make the page decode and render megabytes: a
 * 14 KB link once unpacked to a 20-million-character scenario name. Built-in scenarios give
 * links of about 2.5 KB (3.5 KB of JSON); the caps leave room for a much larger scenario.
 */
export const SHARE_LINK_MAX_CHARS = 16_000;
export const SHARE_JSON_MAX_CHARS = 200_000;

export function encodeShare(fileName: string, document: unknown, fingerprint?: ShareFingerprint): string {
  const payload: SharePayload = { v: SHARE_FORMAT as 2, fileName, document, ...(fingerprint ? { fingerprint } : {}) };
  return PREFIX + compressToEncodedURIComponent(JSON.stringify(payload));
}

/** A share link for the scenario, or why none is made (it would be over the cap). */
export function makeShareLink(fileName: string, document: unknown, fingerprint?: ShareFingerprint): { ok: true; hash: string } | { ok: false; message: string } {
  const json = JSON.stringify({ v: SHARE_FORMAT as 2, fileName, document, ...(fingerprint ? { fingerprint } : {}) } satisfies SharePayload);
  if (json.length > SHARE_JSON_MAX_CHARS) return { ok: false, message: tooBig('scenario', json.length, SHARE_JSON_MAX_CHARS) + ' Export it as YAML and send the file instead.' };
  const hash = PREFIX + compressToEncodedURIComponent(json);
  if (hash.length - PREFIX.length > SHARE_LINK_MAX_CHARS) return { ok: false, message: tooBig('link', hash.length - PREFIX.length, SHARE_LINK_MAX_CHARS) + ' Export it as YAML and send the file instead.' };
  return { ok: true, hash };
}

function tooBig(what: 'link' | 'scenario', chars: number, max: number): string {
  const kb = (n: number) => `${Math.ceil(n / 1000).toLocaleString('en')} K`;
  return what === 'link'
    ? `No share link made: it would be ${kb(chars)} characters long, over the ${kb(max)} cap for share links.`
    : `No share link made: the scenario is ${kb(chars)} characters of JSON, over the ${kb(max)} cap for share links.`;
}

export type DecodedShare = { ok: true; payload: SharePayload; notice?: string } | { ok: false; message: string } | null;

/** null when the hash holds no run; otherwise the payload or a message saying what is wrong with it. */
export function decodeShare(hash: string): DecodedShare {
  if (!hash.startsWith(PREFIX)) return null;
  const body = hash.slice(PREFIX.length);
  if (body.length > SHARE_LINK_MAX_CHARS)
    return { ok: false, message: `This share link is ${body.length.toLocaleString('en')} characters long, over the ${SHARE_LINK_MAX_CHARS.toLocaleString('en')}-character cap for share links, so it was not opened. Ask for the scenario file instead. Showing the default scenario.` };
  let json: string | null = null;
  try {
    json = decompressFromEncodedURIComponent(body);
  } catch {
    json = null;
  }
  if (!json) return { ok: false, message: 'This share link is damaged (it could not be decompressed). Showing the default scenario instead.' };
  if (json.length > SHARE_JSON_MAX_CHARS)
    return { ok: false, message: `This share link unpacks to ${json.length.toLocaleString('en')} characters, over the ${SHARE_JSON_MAX_CHARS.toLocaleString('en')}-character cap for a shared scenario, so it was not opened. Ask for the scenario file instead. Showing the default scenario.` };
  try {
    const p = JSON.parse(json) as Partial<SharePayload> | null;
    if (typeof p?.v === 'number' && Number.isInteger(p.v) && p.v > SHARE_FORMAT) {
      return { ok: false, message: `This share link was made by a newer repsim (link format ${p.v}; this page reads formats 1 to ${SHARE_FORMAT}), so it was not opened. Open it on an up-to-date repsim page. Showing the default scenario instead.` };
    }
    if ((p?.v !== 1 && p?.v !== 2) || typeof p.fileName !== 'string' || typeof p.document !== 'object' || p.document === null) {
      return { ok: false, message: 'This share link is damaged or is not a repsim run (unknown format). Showing the default scenario instead.' };
    }
    if (p.v === 1) {
      return { ok: true, payload: p as SharePayload, notice: 'This share link was made by an older repsim (link format 1, which records no fingerprint of the run), so this page cannot check that you see the run its author saw: the scenario opened as shared, but the simulator may have changed since and its figures may differ.' };
    }
    return { ok: true, payload: p as SharePayload };
  } catch {
    return { ok: false, message: 'This share link is damaged (its contents are not valid JSON). Showing the default scenario instead.' };
  }
}
