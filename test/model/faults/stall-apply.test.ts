import { expect, it } from 'vitest';
import { cluster, ms, stepper } from './helpers.ts';

it("stall-apply blocks the replica's applier (not its receiver) for its duration", () => {
  const s = stepper(cluster('  - { at: 1s, until: 1500ms, stallApply: replica-1 }'));
  s.runToEnd();
  const on = (type: string, node: string, from: number, to: number) => s.trace.filter((r) => r.type === type && 'node' in r && r.node === node && r.t > from && r.t < to).length;
  // The apply already running at 1 s (1 ms) may finish; nothing starts until 1.5 s.
  expect(on('entry.apply', 'replica-1', ms(1001), ms(1500))).toBe(0);
  expect(on('entry.receive', 'replica-1', ms(1001), ms(1500))).toBeGreaterThan(50);
  expect(on('entry.apply', 'replica-2', ms(1001), ms(1500))).toBeGreaterThan(50);
  expect(on('entry.apply', 'replica-1', ms(1500), ms(1510))).toBeGreaterThan(0); // resumes at once
  const r = s.node('replica-1');
  expect(r.appliedLsn).toBe(s.node('primary').log.lastLsn); // and works off the backlog
});
