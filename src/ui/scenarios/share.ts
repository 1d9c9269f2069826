import { compressToEncodedURIComponent, decompressFromEncodedURIComponent } from 'lz-string';

/** What a share link carries: the whole scenario document (seed included) and its file name. */
export interface SharePayload {
  v: 1;
  fileName: string;
  document: unknown;
}

const PREFIX = '#run=';

/**
 * Share links are capped so that a link cannot make the page decode and render megabytes: a
 * 14 KB link once unpacked to a 20-million-character scenario name. Built-in scenarios give
 * links of about 2.5 KB (3.5 KB of JSON); the caps leave room for a much larger scenario.
 */
export const SHARE_LINK_MAX_CHARS = 16_000;
export const SHARE_JSON_MAX_CHARS = 200_000;

export function encodeShare(fileName: string, document: unknown): string {
  const payload: SharePayload = { v: 1, fileName, document };
  return PREFIX + compressToEncodedURIComponent(JSON.stringify(payload));
}

/** A share link for the scenario, or why none is made (it would be over the cap). */
export function makeShareLink(fileName: string, document: unknown): { ok: true; hash: string } | { ok: false; message: string } {
  const json = JSON.stringify({ v: 1, fileName, document } satisfies SharePayload);
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

export type DecodedShare = { ok: true; payload: SharePayload } | { ok: false; message: string } | null;

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
    const p = JSON.parse(json) as Partial<SharePayload>;
    if (p.v !== 1 || typeof p.fileName !== 'string' || typeof p.document !== 'object' || p.document === null) {
      return { ok: false, message: 'This share link is not a repsim run (unknown format). Showing the default scenario instead.' };
    }
    return { ok: true, payload: p as SharePayload };
  } catch {
    return { ok: false, message: 'This share link is damaged (its contents are not valid JSON). Showing the default scenario instead.' };
  }
}
