import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/metrics/simulate.ts';
import type { TraceRecord } from '../../src/model/trace.ts';
import { parseScenario, scenarioFromObject } from '../../src/scenario/index.ts';
import { crashAt, cutLinkAt, healLinkAt, recoverAt, setPath, setReplicaCount } from '../../src/ui/scenarios/edit.ts';
import type { Doc } from '../../src/ui/scenarios/edit.ts';
import { flow, readKnob } from '../../src/ui/scenarios/flow.ts';
import { decodeShare, encodeShare, makeShareLink, SHARE_JSON_MAX_CHARS, SHARE_LINK_MAX_CHARS } from '../../src/ui/scenarios/share.ts';

const ROOT = join(import.meta.dirname, '../..');
const photo = parseScenario(readFileSync(join(ROOT, 'scenarios/photo-upload.yaml'), 'utf8'), 'photo-upload.yaml');
const doc = photo.document as Doc;

function traceOf(d: Doc): TraceRecord[] {
  const out: TraceRecord[] = [];
  simulate(scenarioFromObject(d, 'photo-upload.yaml').config, { trace: (r) => out.push(r) });
  return out;
}

describe('what-if edits of a scenario document', () => {
  it('crash and recover append faults at the exact microsecond and leave the input alone', () => {
    const a = crashAt(doc, 'db-2', 12_345_678);
    const b = recoverAt(a, 'db-2', 20_000_000);
    expect(b.faults).toEqual([{ at: '12345678us', crash: 'db-2' }, { at: '20000000us', recover: 'db-2' }]);
    expect(doc.faults).toBeUndefined();
  });

  it('cutting a link is a two-sided partition; healing it sets its end', () => {
    const cut = cutLinkAt(doc, 'db-1', 'db-3', 5_000_000);
    const healed = healLinkAt(cut, 'db-3', 'db-1', 7_000_000, (f) => f.until === undefined);
    expect(healed.faults).toEqual([{ at: '5000000us', partition: [['db-1'], ['db-3']], until: '7000000us' }]);
  });

  it('changes the replica count by adding db-N or dropping the last replica', () => {
    const more = setReplicaCount(doc, 5);
    expect((more.nodes as { id: string }[]).map((n) => n.id)).toEqual(['db-1', 'db-2', 'db-3', 'db-eu', 'db-4', 'db-5']);
    expect((setReplicaCount(doc, 1).nodes as { id: string }[]).map((n) => n.id)).toEqual(['db-1', 'db-2']);
  });

  it('sets nested fields, creating objects on the way', () => {
    expect(setPath({}, ['replication', 'mode'], 'sync')).toEqual({ replication: { mode: 'sync' } });
  });

  it('a crash at t re-simulates with every record before t unchanged', () => {
    const tUs = 10_000_000;
    const before = traceOf(doc).filter((r) => r.t < tUs);
    const after = traceOf(crashAt(doc, 'db-2', tUs)).filter((r) => r.t < tUs);
    expect(before.length).toBeGreaterThan(1000);
    expect(after).toEqual(before);
  });
});

describe('share links', () => {
  it('round-trip the document and file name', () => {
    const hash = encodeShare('photo-upload.yaml', doc);
    expect(decodeShare(hash)).toEqual({ ok: true, payload: { v: 2, fileName: 'photo-upload.yaml', document: doc } });
  });

  it('say what is wrong with a damaged or foreign link instead of throwing', () => {
    expect(decodeShare('#run=garbage!!')).toMatchObject({ ok: false });
    expect(decodeShare(encodeShare('x', doc).slice(0, 40))).toMatchObject({ ok: false });
    expect(decodeShare('#somewhere')).toBe(null);
  });
});

describe('knob text', () => {
  it('shows distributions in YAML flow style and reads numbers, strings and YAML back', () => {
    expect(flow({ dist: 'lognormal', median: '1ms', p99: '5ms' })).toBe('{dist: lognormal, median: 1ms, p99: 5ms}');
    expect(readKnob(' 7 ')).toBe(7);
    expect(readKnob('20/s')).toBe('20/s');
    expect(readKnob('{dist: exponential, mean: 2ms}')).toEqual({ $yaml: '{dist: exponential, mean: 2ms}' });
    expect(readKnob('')).toBeUndefined();
  });
});

describe('share link caps', () => {
  it('makes a link for a built-in scenario, refuses one over the cap and says why', () => {
    const made = makeShareLink('photo-upload.yaml', doc);
    expect(made.ok && decodeShare(made.hash)).toEqual({ ok: true, payload: { v: 2, fileName: 'photo-upload.yaml', document: doc } });
    const huge = makeShareLink('x.yaml', { ...doc, name: 'n'.repeat(SHARE_JSON_MAX_CHARS) });
    expect(huge).toEqual({ ok: false, message: expect.stringMatching(/^No share link made: the scenario is \d+ K characters of JSON, over the 200 K cap/) });
    // Random text does not compress: the JSON is within its cap, the link is not.
    let seed = 1;
    const noise = Array.from({ length: 30_000 }, () => String.fromCharCode(33 + ((seed = (seed * 48271) % 2147483647) % 90))).join('');
    const long = makeShareLink('x.yaml', { ...doc, name: noise });
    expect(long).toEqual({ ok: false, message: expect.stringMatching(/^No share link made: it would be \d+ K characters long, over the 16 K cap/) });
  });

  it('refuses to open a link over the cap, or one that unpacks to more than the JSON cap', () => {
    expect(decodeShare('#run=' + 'A'.repeat(SHARE_LINK_MAX_CHARS + 1))).toEqual({ ok: false, message: expect.stringMatching(/16,001 characters long, over the 16,000-character cap/) });
    const bomb = encodeShare('x.yaml', { ...doc, name: 'n'.repeat(1_000_000) });
    expect(bomb.length).toBeLessThan(SHARE_LINK_MAX_CHARS);
    expect(decodeShare(bomb)).toEqual({ ok: false, message: expect.stringMatching(/unpacks to [\d,]+ characters, over the 200,000-character cap/) });
  });
});
