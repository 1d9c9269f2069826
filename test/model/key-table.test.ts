import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { keyTables } from '../../src/model/key-table.ts';

describe('keyTables', () => {
  it("keeps every node's records apart although they share one buffer", () => {
    const op = fc.record({
      node: fc.integer({ min: 0, max: 3 }),
      key: fc.integer({ min: 0, max: 9 }),
      kind: fc.constantFrom('applied', 'logKeySeq'),
      version: fc.integer({ min: 1, max: 2 ** 40 }),
      keySeq: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
    });
    fc.assert(
      fc.property(fc.array(op, { maxLength: 100 }), (ops) => {
        const tables = keyTables(10, 4);
        // Reference: a plain record per (node, key).
        const want = Array.from({ length: 4 }, () => Array.from({ length: 10 }, () => ({ version: 0, keySeq: 0, logKeySeq: 0 })));
        for (const o of ops) {
          const w = want[o.node][o.key];
          if (o.kind === 'applied') {
            tables[o.node].setApplied(o.key, o.version, o.keySeq);
            w.version = o.version;
            w.keySeq = o.keySeq;
          } else {
            tables[o.node].setLogKeySeq(o.key, o.keySeq);
            w.logKeySeq = o.keySeq;
          }
        }
        want.forEach((keys, node) =>
          keys.forEach((w, key) => {
            const t = tables[node];
            expect([t.version(key), t.keySeq(key), t.logKeySeq(key)]).toEqual([w.version, w.keySeq, w.logKeySeq]);
          }),
        );
        // resetLogKeySeqs touches only its own node.
        tables[2].resetLogKeySeqs();
        for (let key = 0; key < 10; key++) {
          expect(tables[2].logKeySeq(key)).toBe(want[2][key].keySeq);
          expect(tables[1].logKeySeq(key)).toBe(want[1][key].logKeySeq);
        }
      }),
      { seed: 7, numRuns: 300 },
    );
  });
});
