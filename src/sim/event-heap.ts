/**
 * A 4-ary min-heap of items ordered by (time, key), where keys are unique: the calendar
 * queue (event-queue.ts) keeps here the events outside its window. Shallower than a binary
 * heap, so fewer moves per removal. Times and keys live in typed arrays apart from the
 * items, so comparisons never touch the items (which come in many shapes).
 */
export class EventHeap<T> {
  private times = new Float64Array(64);
  private keys = new Float64Array(64);
  private items: (T | undefined)[] = new Array(64).fill(undefined);
  size = 0;

  insert(item: T, time: number, key: number): void {
    if (this.size === this.times.length) this.grow();
    const times = this.times;
    const keys = this.keys;
    const items = this.items;
    let i = this.size++;
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
    items[i] = item;
  }

  /** Time of the first item (only meaningful when size > 0). */
  topTime(): number {
    return this.times[0];
  }

  topKey(): number {
    return this.keys[0];
  }

  topItem(): T | undefined {
    return this.items[0];
  }

  removeTop(): T | undefined {
    if (this.size === 0) return undefined;
    const items = this.items;
    const top = items[0];
    const m = --this.size;
    const last = items[m]!;
    items[m] = undefined; // let the item be collected
    if (m > 0) this.siftDown(this.times[m], this.keys[m], last, m);
    return top;
  }

  private siftDown(time: number, key: number, item: T, n: number): void {
    const times = this.times;
    const keys = this.keys;
    const items = this.items;
    let i = 0;
    for (;;) {
      const first = 4 * i + 1;
      if (first >= n) break;
      // The earliest of up to four children.
      let child = first;
      let ct = times[first];
      let ck = keys[first];
      const last = first + 4 < n ? first + 4 : n;
      for (let c = first + 1; c < last; c++) {
        const t = times[c];
        if (t < ct || (t === ct && keys[c] < ck)) {
          child = c;
          ct = t;
          ck = keys[c];
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
    items[i] = item;
  }

  private grow(): void {
    const times = new Float64Array(this.times.length * 2);
    times.set(this.times);
    this.times = times;
    const keys = new Float64Array(this.keys.length * 2);
    keys.set(this.keys);
    this.keys = keys;
    for (let i = this.items.length; i < times.length; i++) this.items.push(undefined);
  }
}
