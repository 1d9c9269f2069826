import { expect, it } from 'vitest';
import { cluster, ms, stepper } from './helpers.ts';

it("slow-primary multiplies the primary's commit time until it ends", () => {
  // commitTime 0.1 ms ×20 = 2 ms; a write reaches the primary after the 1 ms client link.
  const s = stepper(cluster('  - { at: 1s, until: 2s, slowPrimary: { factor: 20 } }'));
  s.runToEnd();
  const issued = new Map<number, number>();
  for (const r of s.trace) if (r.type === 'write.issue' && !issued.has(r.op)) issued.set(r.op, r.t);
  const fastest = (from: number, to: number) => {
    let min = Infinity;
    for (const r of s.trace) {
      const t0 = r.type === 'write.commit' ? issued.get(r.op) : undefined;
      if (t0 !== undefined && t0 >= from && t0 < to) min = Math.min(min, r.t - t0);
    }
    return min;
  };
  expect(fastest(0, ms(1000))).toBe(1100);
  expect(fastest(ms(1000), ms(1990))).toBe(3000);
  expect(fastest(ms(2500), Infinity)).toBe(1100);
});
