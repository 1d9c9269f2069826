import { compressToEncodedURIComponent } from 'lz-string';
import { describe, expect, it } from 'vitest';
import { isBareNumber, parseClock } from '../../src/ui/format.ts';
import { decodeShare, encodeShare, fingerprintNotice, fingerprintOf } from '../../src/ui/scenarios/share.ts';
import { formatUrlTime, parseUrl, sameButSeed, titleFor, urlFor } from '../../src/ui/scenarios/url.ts';

// Issue 14: the address names what is open (scenario, seed, time, speed, lesson, edited run).
const doc = { name: 'Tiny', seed: 7, duration: '10s', nodes: [{ id: 'db-1' }] };

describe('addresses', () => {
  it('read ?scenario=NAME&seed=N&t=12.5s&speed=2', () => {
    expect(parseUrl('?scenario=split-brain&seed=9&t=12.5s&speed=2', '')).toEqual({
      origin: { kind: 'scenario', file: 'split-brain.yaml', seed: 9 }, tUs: 12_500_000, speed: 2, view: 'full',
    });
    expect(parseUrl('?scenario=split-brain&seed=abc', '').origin).toEqual({ kind: 'scenario', file: 'split-brain.yaml', seed: 'abc' });
    expect(parseUrl('', '')).toEqual({ origin: null, view: 'full' });
    expect(parseUrl('?embed=1&scenario=x', '').view).toBe('embed');
    expect(parseUrl('?present=1', '').view).toBe('present');
  });

  it('write what they read (round trip), with times in trimmed seconds', () => {
    for (const s of [
      { origin: { kind: 'scenario' as const, file: 'split-brain.yaml', seed: 3 }, tUs: 12_000_000, speed: 2, view: 'full' as const },
      { origin: { kind: 'lesson' as const, file: 'first-write.yaml' }, tUs: 250, view: 'present' as const },
      { origin: { kind: 'document' as const, fileName: 'mine.yaml', document: doc }, tUs: 1_234_567, view: 'embed' as const },
    ]) {
      const u = urlFor(s);
      const [search, hash = ''] = u.split('#');
      const back = parseUrl(search, hash ? `#${hash}` : '');
      expect(back).toEqual(s.origin.kind === 'lesson' ? { ...s } : s);
    }
    expect(formatUrlTime(12_500_000)).toBe('12.5s');
    expect(formatUrlTime(250)).toBe('0.00025s');
    expect(urlFor({ origin: { kind: 'scenario', file: 'a.yaml' } })).toBe('?scenario=a');
  });

  it('a lesson beside a shared run opens the lesson on the edited document', () => {
    const hash = encodeShare('first-write.yaml', doc);
    expect(parseUrl('?lesson=first-write&t=2s', hash)).toMatchObject({ origin: { kind: 'lesson', file: 'first-write.yaml', document: doc }, tUs: 2_000_000 });
  });

  it('say what is wrong with a bad time, speed or name, and open the default for a damaged link', () => {
    expect(parseUrl('?scenario=x&t=soon', '').notice).toMatch(/"soon", which is not a time/);
    expect(parseUrl('?scenario=x&speed=-1', '').notice).toMatch(/not a positive number/);
    expect(parseUrl('?scenario=../etc', '')).toMatchObject({ origin: null, notice: expect.stringMatching(/not a scenario name/) });
    const damaged = parseUrl('?scenario=x', '#run=garbage!!');
    expect(damaged.origin).toBeNull();
    expect(damaged.notice).toMatch(/damaged/);
  });

  it('titles name the scenario or lesson', () => {
    expect(titleFor({ kind: 'scenario', file: 'a.yaml' }, 'Split brain')).toBe('Split brain · repsim');
    expect(titleFor({ kind: 'lesson', file: 'a.yaml' }, 'First write')).toBe('Lesson: First write · repsim');
  });

  it('a seed-only edit is told apart from any other edit', () => {
    expect(sameButSeed(doc, { ...doc, seed: 8 })).toBe(true);
    expect(sameButSeed(doc, { ...doc, duration: '11s' })).toBe(false);
  });
});

describe('share link formats', () => {
  it('format 2 carries a fingerprint of the report; a different report is reported, an equal one is not', () => {
    const fp = fingerprintOf({ events: 10, x: 1 } as { events: number });
    expect(fp).toEqual({ events: 10, report: expect.stringMatching(/^[0-9a-f]{8}$/) });
    const decoded = decodeShare(encodeShare('a.yaml', doc, fp));
    expect(decoded).toEqual({ ok: true, payload: { v: 2, fileName: 'a.yaml', document: doc, fingerprint: fp } });
    expect(fingerprintNotice(fp, fingerprintOf({ events: 10, x: 1 } as { events: number }))).toBeUndefined();
    expect(fingerprintNotice(fp, fingerprintOf({ events: 11, x: 1 } as { events: number }))).toMatch(/they saw 10 engine events, this page simulated 11/);
  });

  it('a format 1 link opens with a notice; a newer format is refused, saying so', () => {
    const v1 = '#run=' + compressToEncodedURIComponent(JSON.stringify({ v: 1, fileName: 'a.yaml', document: doc }));
    expect(decodeShare(v1)).toEqual({ ok: true, payload: { v: 1, fileName: 'a.yaml', document: doc }, notice: expect.stringMatching(/older repsim \(link format 1/) });
    expect(parseUrl('', v1)).toMatchObject({ origin: { kind: 'document', document: doc }, notice: expect.stringMatching(/older repsim/) });
    const v9 = '#run=' + compressToEncodedURIComponent(JSON.stringify({ v: 9, fileName: 'a.yaml', document: doc }));
    expect(decodeShare(v9)).toEqual({ ok: false, message: expect.stringMatching(/newer repsim \(link format 9/) });
  });
});

describe('typed times (jump box, t=)', () => {
  it('read a bare number as milliseconds, as scenario files do', () => {
    expect(parseClock('8')).toBe(8_000);
    expect(isBareNumber('8')).toBe(true);
    expect(parseClock('8s')).toBe(8_000_000);
    expect(parseClock('1.5m')).toBe(90_000_000);
    expect(parseClock('40us')).toBe(40);
    expect(parseClock('soon')).toBeNull();
  });

  it('?lesson=NAME&t=… names a lesson file with or without .yaml; a bad time or name says so', () => {
    expect(parseUrl('?lesson=split-brain&t=12s', '')).toMatchObject({ origin: { kind: 'lesson', file: 'split-brain.yaml' }, tUs: 12_000_000 });
    expect(parseUrl('?lesson=split-brain.yaml&t=300ms', '')).toMatchObject({ origin: { kind: 'lesson', file: 'split-brain.yaml' }, tUs: 300_000 });
    expect(parseUrl('?lesson=first-write', '')).toEqual({ origin: { kind: 'lesson', file: 'first-write.yaml' }, view: 'full' });
    const badTime = parseUrl('?lesson=first-write&t=soon', '');
    expect(badTime.tUs).toBeUndefined();
    expect(badTime.notice).toMatch(/not a time/);
    const badName = parseUrl('?lesson=../etc/passwd', '');
    expect(badName.origin).toBeNull();
    expect(badName.notice).toMatch(/not a scenario name/);
    expect(parseUrl('?t=3s', '').origin).toBeNull();
  });
});
