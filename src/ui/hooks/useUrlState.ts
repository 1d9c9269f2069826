import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { fingerprintNotice, fingerprintOf, makeShareLink } from '../scenarios/share.ts';
import type { ShareFingerprint } from '../scenarios/share.ts';
import { formatUs } from '../format.ts';
import { parseUrl, sameButSeed, titleFor, urlFor } from '../scenarios/url.ts';
import type { Origin, UrlState, ViewMode } from '../scenarios/url.ts';
import { DEFAULT_SPEED } from './playhead.ts';
import type { Playhead } from './playhead.ts';
import type { LoadedRun } from './useSimulation.ts';

/** How a run that was asked for changes the browser history once it arrives. */
export type HistoryMode = 'push' | 'replace' | 'none';

interface Expected {
  runId: number;
  origin: Origin | null;
  mode: HistoryMode;
  tUs?: number;
  speed?: number;
  fingerprint?: ShareFingerprint;
}

/** Where the playhead's time and speed are written into the address after a pause or seek. */
const SETTLE_MS = 300;

/**
 * The address bar as the page's state: `open` is called with what the address names at first
 * and on Back / Forward; `track` is told about every run the page asks for, and when that run
 * arrives the address is pushed (a new history entry) or replaced, the playhead moved to the
 * time and speed the address asked for, and the title set. While paused, the address follows
 * the playhead's time and speed (replaced, not pushed: scrubbing is not a history entry).
 */
export function useUrlState(playhead: Playhead, run: LoadedRun | null, busy: boolean, open: (s: UrlState) => number, notify: (message: string) => void) {
  const initial = useMemo(() => parseUrl(window.location.search, window.location.hash), []);
  const expected = useRef<Expected | null>(null);
  /** What the run on screen is, and the built-in document it came from (for seed-only edits). */
  const shown = useRef<{ origin: Origin; base?: unknown; fingerprint?: ShareFingerprint } | null>(null);
  const [view, setViewState] = useState<ViewMode>(initial.view);
  // A run on its way (not one that failed or was cancelled: then the run on screen stays, and so does its address).
  const busyRef = useRef(busy);
  busyRef.current = busy;
  const viewRef = useRef(view);

  const track = useCallback((runId: number, origin: Origin | null, mode: HistoryMode, at: { tUs?: number; speed?: number; fingerprint?: ShareFingerprint } = {}) => {
    expected.current = { runId, origin, mode, ...at };
  }, []);

  /** The origin of an edited document: a seed edit keeps a built-in's address, a lesson stays a lesson. */
  const originFor = useCallback((document: unknown, fileName: string): Origin => {
    const s = shown.current;
    if (s?.origin.kind === 'scenario' && s.base !== undefined && sameButSeed(document, s.base)) {
      return { kind: 'scenario', file: s.origin.file, seed: (document as { seed?: number | string }).seed };
    }
    if (s?.origin.kind === 'lesson' && s.origin.file === fileName) return { kind: 'lesson', file: fileName, document };
    return { kind: 'document', fileName, document };
  }, []);

  const address = useCallback((origin: Origin, fingerprint?: ShareFingerprint) => {
    const speed = playhead.speed === DEFAULT_SPEED ? undefined : playhead.speed;
    return window.location.pathname + urlFor({ origin, tUs: Math.round(playhead.tUs), speed, view: viewRef.current }, fingerprint);
  }, [playhead]);

  /** The presenter view or the full page (the address says which, so a reload keeps it). */
  const setView = useCallback((v: ViewMode) => {
    viewRef.current = v;
    setViewState(v);
    const s = shown.current;
    if (s) window.history.replaceState(null, '', address(s.origin, s.fingerprint));
  }, [address]);

  /** Opens what an address names; a lesson keeps its own time and speed (useLesson). */
  const openState = useCallback((s: UrlState, mode: HistoryMode) => {
    if (s.notice) notify(s.notice);
    const at = s.origin?.kind === 'lesson' ? {} : { tUs: s.tUs, speed: s.speed, fingerprint: s.origin?.kind === 'document' ? s.origin.fingerprint : undefined };
    track(open(s), s.origin, mode, at);
  }, [open, notify, track]);

  // First visit: open what the address names (and write it in its canonical form). On mount
  // only (twice under StrictMode, whose second mount has a fresh worker to ask).
  const openFirst = useRef(openState);
  openFirst.current = openState;
  useEffect(() => openFirst.current(initial, initial.origin ? 'replace' : 'none'), [initial]);

  // Back / Forward: open what the entry names, without writing history.
  useEffect(() => {
    const onPop = () => {
      const s = parseUrl(window.location.search, window.location.hash);
      viewRef.current = s.view;
      setViewState(s.view);
      openState(s, 'none');
    };
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, [openState]);

  // A run arrived: the time and speed asked for, the address, the title.
  useEffect(() => {
    const e = expected.current;
    if (!run || !e || e.runId !== run.runId) return;
    expected.current = null;
    let origin: Origin = e.origin ?? { kind: 'scenario', file: run.fileName };
    if (origin.kind === 'document' || (origin.kind === 'lesson' && origin.document !== undefined)) origin = { ...origin, document: run.document };
    const needsHash = origin.kind === 'document' || (origin.kind === 'lesson' && origin.document !== undefined);
    const fingerprint = needsHash || e.fingerprint ? fingerprintOf(run.report) : undefined;
    const previous = shown.current;
    shown.current = {
      origin,
      base: origin.kind === 'scenario' ? run.document : previous?.origin.kind === 'scenario' && origin.kind !== 'document' ? previous.base : undefined,
      fingerprint,
    };
    if (e.fingerprint && fingerprint) {
      const note = fingerprintNotice(e.fingerprint, fingerprint);
      if (note) notify(note);
    }
    if (e.speed !== undefined) playhead.setSpeed(e.speed);
    if (e.tUs !== undefined) {
      playhead.pause();
      playhead.seek(e.tUs);
      const endUs = run.timeline.endUs;
      if (e.tUs > endUs) notify(`The address asks for ${formatUs(e.tUs)}, past the end of this ${formatUs(endUs)} run; showing its end.`);
    }
    if (e.mode !== 'none') {
      const url = address(origin, fingerprint);
      if (e.mode === 'push' && url !== window.location.pathname + window.location.search + window.location.hash) window.history.pushState(null, '', url);
      else window.history.replaceState(null, '', url);
    }
    document.title = titleFor(origin, run.timeline.scenario);
  }, [run, playhead, address, notify]);

  // While paused, the address follows the playhead (a reload or a copied address keeps the moment).
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let last = '';
    const unsub = playhead.subscribe(() => {
      clearTimeout(timer);
      if (playhead.playing) return;
      timer = setTimeout(() => {
        const s = shown.current;
        // A run on its way: the entry on screen may already be the next one (Back / Forward).
        if (!s || busyRef.current) return;
        const url = address(s.origin, s.fingerprint);
        if (url === last || url === window.location.pathname + window.location.search + window.location.hash) return;
        last = url;
        window.history.replaceState(null, '', url);
      }, SETTLE_MS);
    });
    return () => {
      unsub();
      clearTimeout(timer);
    };
  }, [playhead, address]);

  /** A share link to the run on screen at the playhead's time; the address bar shows it too. */
  const shareLink = useCallback((): { ok: true; url: string } | { ok: false; message: string } => {
    const s = shown.current;
    if (!run || !s) return { ok: false, message: 'No run to share yet.' };
    const fingerprint = s.fingerprint ?? fingerprintOf(run.report);
    const sized = makeShareLink(run.fileName, run.document, fingerprint);
    if (!sized.ok) return sized;
    const origin: Origin = s.origin.kind === 'lesson' ? { kind: 'lesson', file: s.origin.file, document: run.document } : { kind: 'document', fileName: run.fileName, document: run.document };
    shown.current = { ...s, origin, fingerprint };
    const url = address(origin, fingerprint);
    window.history.replaceState(null, '', url);
    return { ok: true, url: window.location.href };
  }, [run, address]);

  /** The address of the run on screen as a full page (for "open in repsim" and the embed snippet). */
  const pageUrl = useCallback((v: ViewMode = 'full') => {
    const s = shown.current;
    const here = window.location.origin + window.location.pathname;
    if (!s) {
      // Before the first run arrives: what the address names, in the asked-for view.
      const u = parseUrl(window.location.search, window.location.hash);
      return here + urlFor({ origin: u.origin, tUs: u.tUs, speed: u.speed, view: v });
    }
    return here + urlFor({ origin: s.origin, tUs: Math.round(playhead.tUs), view: v }, s.fingerprint);
  }, [playhead]);

  return { initial, view, setView, track, originFor, shareLink, pageUrl };
}

export type UrlControl = ReturnType<typeof useUrlState>;
