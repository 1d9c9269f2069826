import { describe, expect, it } from 'vitest';
import { encodeRecords } from '../../../src/ui/trace/columns.ts';
import { formatBytes, indexBacklog, queuedBytesAt } from '../../../src/ui/views/cluster/backlog.ts';
import type { TraceRecord } from '../../../src/model/trace.ts';

describe('the send queue drawn on a link', () => {
  const records: TraceRecord[] = [
    { t: 1000, type: 'link.backlog', from: 'a', to: 'b', queuedBytes: 10_000, drainsAtUs: 11_000 },
    { t: 20_000, type: 'link.backlog', from: 'a', to: 'b', queuedBytes: 4000, drainsAtUs: 24_000 },
    { t: 22_000, type: 'link.backlog', from: 'a', to: 'b', queuedBytes: 0, drainsAtUs: 22_000 }, // a crash emptied it
  ];
  const index = indexBacklog(encodeRecords(records));

  it('folds the records: bytes at a record, draining linearly to its drain time', () => {
    const s = index.get('a>b');
    expect(queuedBytesAt(s, 0)).toBe(0);
    expect(queuedBytesAt(s, 1000)).toBe(10_000);
    expect(queuedBytesAt(s, 6000)).toBe(5000);
    expect(queuedBytesAt(s, 15_000)).toBe(0);
    expect(queuedBytesAt(s, 21_000)).toBe(3000);
    expect(queuedBytesAt(s, 22_500)).toBe(0);
    expect(queuedBytesAt(index.get('b>a'), 6000)).toBe(0);
  });

  it('formats bytes', () => {
    expect(formatBytes(900)).toBe('900 B');
    expect(formatBytes(340_000)).toBe('340 kB');
    expect(formatBytes(1_240_000)).toBe('1.2 MB');
  });
});
