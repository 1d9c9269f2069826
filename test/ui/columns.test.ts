import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/metrics/simulate.ts';
import type { TraceRecord } from '../../src/model/trace.ts';
import { parseScenario } from '../../src/scenario/index.ts';
import { encodeRecords, recordAt, transferables } from '../../src/ui/trace/columns.ts';

const ROOT = join(import.meta.dirname, '../..');

function trace(name: string): TraceRecord[] {
  const s = parseScenario(readFileSync(join(ROOT, 'scenarios', `${name}.yaml`), 'utf8'), `${name}.yaml`);
  const records: TraceRecord[] = [];
  simulate(s.config, { trace: (r) => records.push(r) });
  return records;
}

// The page sees the trace only through these columns: every record must come back as written.
describe('trace columns (what the worker transfers to the page)', () => {
  it.each(['split-brain-fenced', 'own-photo-fix-ryw-wait', 'semi-sync-timeout'])('%s: every record decodes to the record the engine wrote', (name) => {
    const records = trace(name);
    const c = encodeRecords(records);
    expect(c.count).toBe(records.length);
    for (let i = 0; i < records.length; i++) expect(recordAt(c, i)).toEqual(records[i]);
  });

  it('keeps null apart from absent, and a field whose values change kind (number, then null, then a string)', () => {
    const records = [
      { t: 0, type: 'x', a: 1, b: null },
      { t: 1, type: 'x', a: null, b: 'p', c: [1, 2] },
      { t: 2, type: 'x', a: 'two', c: { k: true } },
      { t: 3, type: 'y', flag: false },
      { t: 3, type: 'x' },
    ] as unknown as TraceRecord[];
    const c = encodeRecords(records);
    expect(records.map((_, i) => recordAt(c, i))).toEqual(records);
  });

  it('hands over every buffer once, for the transfer list', () => {
    const c = encodeRecords(trace('semi-sync-timeout'));
    const buffers = transferables(c);
    expect(new Set(buffers).size).toBe(buffers.length);
    expect(buffers).toContain(c.t.buffer);
  });
});
