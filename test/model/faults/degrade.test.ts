import { expect, it } from 'vitest';
import { cluster, ms, stepper } from './helpers.ts';

it('degrade adds its extra delay to the link while it lasts', () => {
  const s = stepper(cluster('  - { at: 1s, until: 2s, degrade: { between: [primary, replica-1], extraDelay: 50ms } }'));
  s.runToEnd();
  const commitAt = new Map<number, number>();
  for (const r of s.trace) if (r.type === 'write.commit') commitAt.set(r.lsn, r.t);
  const shipping = (node: string, from: number, to: number) =>
    s.trace.flatMap((r) => (r.type === 'entry.receive' && r.node === node && commitAt.get(r.lsn)! >= from && commitAt.get(r.lsn)! < to ? [r.t - commitAt.get(r.lsn)!] : []));
  const uniq = (xs: number[]) => [...new Set(xs)];
  expect(uniq(shipping('replica-1', 0, ms(1000)))).toEqual([ms(10)]);
  expect(uniq(shipping('replica-1', ms(1000), ms(2000)))).toEqual([ms(60)]);
  expect(uniq(shipping('replica-1', ms(2100), Infinity))).toEqual([ms(10)]); // restored
  expect(uniq(shipping('replica-2', 0, Infinity))).toEqual([ms(10)]); // another link: untouched
});
