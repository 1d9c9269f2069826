import type { Micros } from './time.ts';

/** Anything the queue can order: a due time and a tie-breaking insertion sequence. */
export interface Scheduled {
  time: Micros;
  seq: number;
}

/**
 * Binary min-heap ordered by (time, seq). `seq` is assigned at insertion, so events due at
 * the same microsecond run first-in first-out and the order never depends on heap layout.
 */
export class EventQueue<E extends Scheduled> {
  private heap: E[] = [];
  private nextSeq = 0;

  get size(): number {
    return this.heap.length;
  }

  push(event: E): void {
    event.seq = this.nextSeq++;
    const heap = this.heap;
    let i = heap.length;
    heap.push(event);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = heap[parent];
      if (p.time < event.time || (p.time === event.time && p.seq < event.seq)) break;
      heap[i] = p;
      i = parent;
    }
    heap[i] = event;
  }

  peek(): E | undefined {
    return this.heap[0];
  }

  pop(): E | undefined {
    const heap = this.heap;
    const n = heap.length;
    if (n === 0) return undefined;
    const top = heap[0];
    const last = heap.pop()!;
    if (n > 1) this.siftDown(last, n - 1);
    return top;
  }

  private siftDown(event: E, n: number): void {
    const heap = this.heap;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      const right = child + 1;
      if (right < n && before(heap[right], heap[child])) child = right;
      if (!before(heap[child], event)) break;
      heap[i] = heap[child];
      i = child;
    }
    heap[i] = event;
  }
}

function before(a: Scheduled, b: Scheduled): boolean {
  return a.time < b.time || (a.time === b.time && a.seq < b.seq);
}
