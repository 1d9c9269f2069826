import type { Micros } from './time.ts';

/** Anything the queue can order: a due time (the queue keeps its own insertion sequence). */
export interface Scheduled {
  time: Micros;
  seq?: number;
}

/**
 * A 4-ary min-heap (shallower than a binary one, so fewer moves per pop) ordered by
 * (time, insertion sequence): events due at the same microsecond run first-in first-out,
 * so the order never depends on heap layout.
 *
 * Keys live in their own typed arrays, apart from the events: the events come in several
 * shapes, and comparing through them would make every heap access polymorphic (slow in V8).
 * For the same reason each event carries a small numeric tag, chosen by the caller, that
 * says what kind it is, so a dispatcher can switch on it without touching the event.
 */
export class EventQueue<E extends Scheduled> {
  private times = new Float64Array(1024);
  private seqs = new Float64Array(1024);
  private tags = new Uint8Array(1024);
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
    const seq = this.nextSeq++;
    const times = this.times;
    const seqs = this.seqs;
    const tags = this.tags;
    const items = this.items;
    let i = this.n++;
    while (i > 0) {
      const parent = (i - 1) >> 2;
      const pt = times[parent];
      if (pt < time || (pt === time && seqs[parent] < seq)) break;
      times[i] = pt;
      seqs[i] = seqs[parent];
      tags[i] = tags[parent];
      items[i] = items[parent];
      i = parent;
    }
    times[i] = time;
    seqs[i] = seq;
    tags[i] = tag;
    items[i] = event;
  }

  peek(): E | undefined {
    return this.n > 0 ? this.items[0] : undefined;
  }

  /** Due time of the next event, or Infinity when empty. */
  peekTime(): number {
    return this.n > 0 ? this.times[0] : Infinity;
  }

  /** Tag the next event was pushed with (undefined when empty). */
  peekTag(): number {
    return this.tags[0];
  }

  pop(): E | undefined {
    if (this.n === 0) return undefined;
    const items = this.items;
    const top = items[0];
    const m = --this.n;
    const time = this.times[m];
    const seq = this.seqs[m];
    const tag = this.tags[m];
    const last = items[m]!;
    items[m] = undefined; // let the event be collected
    if (m > 0) this.siftDown(time, seq, tag, last, m);
    return top;
  }

  private siftDown(time: number, seq: number, tag: number, event: E, n: number): void {
    const times = this.times;
    const seqs = this.seqs;
    const tags = this.tags;
    const items = this.items;
    let i = 0;
    for (;;) {
      const first = 4 * i + 1;
      if (first >= n) break;
      // The earliest of up to four children.
      let child = first;
      let ct = times[first];
      let cs = seqs[first];
      const last = first + 4 < n ? first + 4 : n;
      for (let c = first + 1; c < last; c++) {
        const t = times[c];
        if (t < ct || (t === ct && seqs[c] < cs)) {
          child = c;
          ct = t;
          cs = seqs[c];
        }
      }
      if (ct > time || (ct === time && cs > seq)) break;
      times[i] = ct;
      seqs[i] = cs;
      tags[i] = tags[child];
      items[i] = items[child];
      i = child;
    }
    times[i] = time;
    seqs[i] = seq;
    tags[i] = tag;
    items[i] = event;
  }

  private grow(): void {
    const times = new Float64Array(this.times.length * 2);
    times.set(this.times);
    this.times = times;
    const seqs = new Float64Array(this.seqs.length * 2);
    seqs.set(this.seqs);
    this.seqs = seqs;
    const tags = new Uint8Array(this.tags.length * 2);
    tags.set(this.tags);
    this.tags = tags;
    this.items.length = times.length;
  }
}
