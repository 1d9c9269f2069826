import type { Micros } from './time.ts';

/** Anything the queue can order: a due time (the queue keeps its own insertion sequence). */
export interface Scheduled {
  time: Micros;
  seq?: number;
}

/** Tags are 0…7: three bits folded into the order key below. */
const TAG_BITS = 8;

/**
 * A 4-ary min-heap (shallower than a binary one, so fewer moves per pop) ordered by
 * (time, insertion sequence): events due at the same microsecond run first-in first-out,
 * so the order never depends on heap layout.
 *
 * Keys live in their own typed arrays, apart from the events: the events come in several
 * shapes, and comparing through them would make every heap access polymorphic (slow in V8).
 * For the same reason each event carries a small numeric tag (0…7), chosen by the caller,
 * that says what kind it is, so a dispatcher can switch on it without touching the event.
 * The tag rides in the low bits of the sequence key (seq · 8 + tag, exact below 2^50
 * events), which orders exactly as seq does and saves moving a third array.
 */
export class EventQueue<E extends Scheduled> {
  private times = new Float64Array(1024);
  private keys = new Float64Array(1024);
  private items: (E | undefined)[] = new Array(1024);
  private n = 0;
  private nextSeq = 0;

  get size(): number {
    return this.n;
  }

  push(event: E, tag = 0): void {
    this.schedule(event, event.time, tag);
  }

  /**
   * `push` with the due time passed in: the hot paths use it, because reading `time` from
   * events of many shapes is a megamorphic property load in V8.
   */
  schedule(event: E, time: number, tag: number): void {
    if (this.n === this.times.length) this.grow();
    const key = this.nextSeq++ * TAG_BITS + tag;
    const times = this.times;
    const keys = this.keys;
    const items = this.items;
    let i = this.n++;
    while (i > 0) {
      const parent = (i - 1) >> 2;
      const pt = times[parent];
      if (pt < time || (pt === time && keys[parent] < key)) break;
      times[i] = pt;
      keys[i] = keys[parent];
      items[i] = items[parent];
      i = parent;
    }
    times[i] = time;
    keys[i] = key;
    items[i] = event;
  }

  peek(): E | undefined {
    return this.n > 0 ? this.items[0] : undefined;
  }

  /** Due time of the next event, or Infinity when empty. */
  peekTime(): number {
    return this.n > 0 ? this.times[0] : Infinity;
  }

  /** Tag the next event was pushed with (meaningless when empty). */
  peekTag(): number {
    const key = this.keys[0];
    // Not `key % TAG_BITS`: a float modulo is a slow library call; this is exact below 2^53.
    return key - TAG_BITS * Math.floor(key / TAG_BITS);
  }

  pop(): E | undefined {
    if (this.n === 0) return undefined;
    const items = this.items;
    const top = items[0];
    const m = --this.n;
    const last = items[m]!;
    items[m] = undefined; // let the event be collected
    if (m > 0) this.siftDown(this.times[m], this.keys[m], last, m);
    return top;
  }

  private siftDown(time: number, key: number, event: E, n: number): void {
    const times = this.times;
    const keys = this.keys;
    const items = this.items;
    let i = 0;
    for (;;) {
      const first = 4 * i + 1;
      if (first >= n) break;
      // The earliest of up to four children (unrolled for the usual full set of four).
      let child = first;
      let ct = times[first];
      let ck = keys[first];
      if (first + 3 < n) {
        let t = times[first + 1];
        if (t < ct || (t === ct && keys[first + 1] < ck)) {
          child = first + 1;
          ct = t;
          ck = keys[child];
        }
        t = times[first + 2];
        if (t < ct || (t === ct && keys[first + 2] < ck)) {
          child = first + 2;
          ct = t;
          ck = keys[child];
        }
        t = times[first + 3];
        if (t < ct || (t === ct && keys[first + 3] < ck)) {
          child = first + 3;
          ct = t;
          ck = keys[child];
        }
      } else {
        for (let c = first + 1; c < n; c++) {
          const t = times[c];
          if (t < ct || (t === ct && keys[c] < ck)) {
            child = c;
            ct = t;
            ck = keys[c];
          }
        }
      }
      if (ct > time || (ct === time && ck > key)) break;
      times[i] = ct;
      keys[i] = ck;
      items[i] = items[child];
      i = child;
    }
    times[i] = time;
    keys[i] = key;
    items[i] = event;
  }

  private grow(): void {
    const times = new Float64Array(this.times.length * 2);
    times.set(this.times);
    this.times = times;
    const keys = new Float64Array(this.keys.length * 2);
    keys.set(this.keys);
    this.keys = keys;
    this.items.length = times.length;
  }
}
