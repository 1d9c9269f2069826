import { describe, expect, it } from 'vitest';
import { parseTraceQuery, QueryFold } from '../../src/metrics/trace-query.ts';
import type { TraceRecord } from '../../src/model/trace.ts';

const trace: TraceRecord[] = [
  { t: 1, type: 'rollback', node: 'p', primary: 'r1', term: 2, fromLsn: 10, toLsn: 7, entries: 3, source: 'own-log' },
  { t: 2, type: 'rollback', node: 'r2', primary: 'r1', term: 2, fromLsn: 9, toLsn: 8, entries: 1, source: 'copied' },
  { t: 3, type: 'failover', step: 'promoted', from: 'p', to: 'r1', term: 2, detail: '' },
  { t: 4, type: 'entry.apply', node: 'r1', lsn: 1, key: 1, delayUs: 40 },
  { t: 5, type: 'entry.apply', node: 'r2', lsn: 1, key: 1, delayUs: 90 },
];

function valueOf(text: string): unknown {
  const fold = new QueryFold(parseTraceQuery(text));
  for (const r of trace) fold.accept(r);
  return fold.value;
}

describe('trace queries', () => {
  it.each([
    ['count(rollback)', 2],
    ['count(rollback, source=copied)', 1],
    ['count(write.lost)', 0],
    ['count(write.lost) > 0', false],
    ['sum(rollback.entries)', 4],
    ['sum(write.lost.lsn)', 0],
    ['max(entry.apply.delayUs)', 90],
    ['min(entry.apply.delayUs, node=r1)', 40],
    ['max(entry.apply.delayUs, node=nobody)', null],
    ['first(failover.to, step=promoted)', 'r1'],
    ['first(rollback.node)', 'p'],
    ['last(rollback.node)', 'r2'],
    ['first(failover.to) == r1', true],
    ['max(entry.apply.delayUs) >= 90', true],
  ])('%s = %s', (text, value) => {
    expect(valueOf(text)).toEqual(value);
  });

  it.each([
    ['rollbacks', /cannot read the trace query/],
    ['avg(rollback.entries)', /unknown function `avg`/],
    ['count(rolback)', /unknown trace record type `rolback`/],
    ['sum(rollback)', /sum\(\) reads a field/],
    ['sum(rollback.entry)', /`rollback` records have no field `entry`/],
    ['count(read.done, stale)', /expected `field=value`/],
    ['count(read.done, stail=true)', /no field `stail`/],
    ['first(failover.to) > r1', /compares numbers/],
  ])('refuses %s', (text, message) => {
    expect(() => parseTraceQuery(text)).toThrow(message);
  });
});
