import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { EventQueue } from '../../src/sim/event-queue.ts';

interface E {
  time: number;
  seq: number;
  label: number;
}

describe('EventQueue', () => {
  it('pops events in time order, and events due at the same time in insertion order', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 20 }), { maxLength: 300 }), (times) => {
        const q = new EventQueue<E>();
        times.forEach((time, label) => q.push({ time, seq: 0, label }));
        const popped: E[] = [];
        for (let e = q.pop(); e; e = q.pop()) popped.push(e);
        const expected = times.map((time, label) => ({ time, label })).sort((a, b) => a.time - b.time || a.label - b.label);
        expect(popped.map((e) => [e.time, e.label])).toEqual(expected.map((e) => [e.time, e.label]));
      }),
      { seed: 1, numRuns: 200 },
    );
  });

  it('hands back each event\'s tag, and tags never change the order', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ time: fc.integer({ min: 0, max: 20 }), tag: fc.integer({ min: 0, max: 7 }), popAfter: fc.boolean() }), { maxLength: 300 }),
        (ops) => {
          const q = new EventQueue<E>();
          const pending: { time: number; label: number; tag: number }[] = [];
          const check = () => {
            pending.sort((a, b) => a.time - b.time || a.label - b.label);
            const want = pending.shift()!;
            expect([q.peekTime(), q.peekTag()]).toEqual([want.time, want.tag]);
            expect(q.pop()!.label).toBe(want.label);
          };
          ops.forEach(({ time, tag, popAfter }, label) => {
            q.schedule({ time, seq: 0, label }, time, tag);
            pending.push({ time, label, tag });
            if (popAfter) check();
          });
          while (pending.length > 0) check();
          expect(q.pop()).toBeUndefined();
        },
      ),
      { seed: 2, numRuns: 200 },
    );
  });

  it('keeps exact order across its near-future buckets and its overflow heap, at every time scale', () => {
    // Due times relative to the last event taken (as a simulation schedules them), from ties
    // to far beyond the 65 ms window, plus some arbitrary absolute times (before the window,
    // too); pops interleaved at random.
    const due = fc.oneof(
      fc.record({ rel: fc.constant(true), t: fc.integer({ min: 0, max: 3 }) }),
      fc.record({ rel: fc.constant(true), t: fc.integer({ min: 0, max: 5_000 }) }),
      fc.record({ rel: fc.constant(true), t: fc.integer({ min: 60_000, max: 70_000 }) }),
      fc.record({ rel: fc.constant(true), t: fc.integer({ min: 0, max: 10_000_000 }) }),
      fc.record({ rel: fc.constant(false), t: fc.integer({ min: 0, max: 2 ** 40 }) }),
    );
    fc.assert(
      fc.property(
        fc.array(fc.record({ due, tag: fc.integer({ min: 0, max: 7 }), pops: fc.integer({ min: 0, max: 3 }) }), { maxLength: 400 }),
        (ops) => {
          const q = new EventQueue<E>();
          const pending: { time: number; label: number; tag: number }[] = [];
          let now = 0;
          const check = () => {
            pending.sort((a, b) => a.time - b.time || a.label - b.label);
            const want = pending.shift()!;
            expect([q.size, q.peekTime(), q.peekTag()]).toEqual([pending.length + 1, want.time, want.tag]);
            expect(q.pop()!.label).toBe(want.label);
            now = want.time;
          };
          ops.forEach(({ due: { rel, t }, tag, pops }, label) => {
            const time = rel ? now + t : t;
            q.schedule({ time, seq: 0, label }, time, tag);
            pending.push({ time, label, tag });
            for (let i = 0; i < pops && pending.length > 0; i++) check();
          });
          while (pending.length > 0) check();
          expect([q.size, q.peekTime(), q.pop()]).toEqual([0, Infinity, undefined]);
        },
      ),
      { seed: 3, numRuns: 300 },
    );
  });

  it('keeps FIFO ties when pushes and pops interleave', () => {
    const q = new EventQueue<E>();
    q.push({ time: 5, seq: 0, label: 1 });
    q.push({ time: 5, seq: 0, label: 2 });
    expect(q.pop()!.label).toBe(1);
    q.push({ time: 5, seq: 0, label: 3 });
    expect([q.pop()!.label, q.pop()!.label]).toEqual([2, 3]);
    expect(q.pop()).toBeUndefined();
  });

  it('popDue takes only events due by the given time, reporting each one\'s time and tag', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ time: fc.integer({ min: 0, max: 200_000 }), tag: fc.integer({ min: 0, max: 7 }) }), { maxLength: 200 }),
        fc.array(fc.integer({ min: 0, max: 250_000 }), { minLength: 1, maxLength: 5 }),
        (events, cuts) => {
          const q = new EventQueue<E>();
          events.forEach(({ time, tag }, label) => q.schedule({ time, seq: 0, label }, time, tag));
          const want = events.map((e, label) => ({ ...e, label })).sort((a, b) => a.time - b.time || a.label - b.label);
          for (const until of [...cuts].sort((a, b) => a - b)) {
            for (let e = q.popDue(until); e; e = q.popDue(until)) {
              const next = want.shift()!;
              expect([e.label, q.poppedTime, q.poppedTag]).toEqual([next.label, next.time, next.tag]);
            }
            // Everything left is due after the cut.
            expect(want.length === 0 || want[0].time > until).toBe(true);
          }
          expect(q.size).toBe(want.length);
        },
      ),
      { seed: 4, numRuns: 200 },
    );
  });

  it('peek shows the next event without removing it', () => {
    const q = new EventQueue<E>();
    q.push({ time: 9, seq: 0, label: 1 });
    q.push({ time: 3, seq: 0, label: 2 });
    expect(q.peek()!.label).toBe(2);
    expect(q.size).toBe(2);
  });
});
