import { compressToEncodedURIComponent, decompressFromEncodedURIComponent } from 'lz-string';

/** What a share link carries: the whole scenario document (seed included) and its file name. */
export interface SharePayload {
  v: 1;
  fileName: string;
  document: unknown;
}

const PREFIX = '#run=';

export function encodeShare(fileName: string, document: unknown): string {
  const payload: SharePayload = { v: 1, fileName, document };
  return PREFIX + compressToEncodedURIComponent(JSON.stringify(payload));
}

export type DecodedShare = { ok: true; payload: SharePayload } | { ok: false; message: string } | null;

/** null when the hash holds no run; otherwise the payload or a message saying what is wrong with it. */
export function decodeShare(hash: string): DecodedShare {
  if (!hash.startsWith(PREFIX)) return null;
  const body = hash.slice(PREFIX.length);
  let json: string | null = null;
  try {
    json = decompressFromEncodedURIComponent(body);
  } catch {
    json = null;
  }
  if (!json) return { ok: false, message: 'This share link is damaged (it could not be decompressed). Showing the default scenario instead.' };
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
