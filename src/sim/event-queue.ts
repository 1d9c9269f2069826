import { EventHeap } from './event-heap.ts';
import type { Micros } from './time.ts';

/** Anything the queue can order: a due time (the queue keeps its own insertion sequence). */
export interface Scheduled {
  time: Micros;
}

/** Tags are 0…7: three bits folded into the order key. */
const TAG_BITS = 8;
/** Each bucket spans 2^6 = 64 µs… */
const BUCKET_US = 64;
/** Multiplying by a power of two's reciprocal is exact, and cheaper than dividing. */
const PER_BUCKET_US = 1 / BUCKET_US;
/** …and the window 1024 buckets, 65.5 ms ahead of the last event taken: one network round trip or so. */
const BUCKETS = 1024;
const BUCKET_MASK = BUCKETS - 1;
const WORDS = BUCKETS / 32;
const NONE = -1;
/** Where the earliest event is: a calendar node (≥ 0), the overflow heap, or not yet looked up. */
const IN_HEAP = -2;
const UNKNOWN = -3;

/**
 * The simulator's future event list: events ordered by (time, insertion sequence), so
 * events due at the same microsecond run first-in first-out and the order never depends
 * on the data structure.
 *
 * A calendar queue. Almost every event a replication model schedules falls due within a
 * few milliseconds (a network hop, a commit, an apply), so the near future is cut into
 * 64 µs buckets, each a short list kept in order, with a bitmap of the non-empty ones:
 * adding an event and taking the earliest are a few array operations, where a heap pays a
 * comparison per level, mispredicted about half the time. Events beyond the window (or
 * before it) wait in a 4-ary heap; the earliest event is whichever of the two fronts is
 * earlier, so the order is exact wherever events land.
 *
 * Each event carries a small numeric tag (0…7), chosen by the caller, that says what kind
 * it is, so a dispatcher can switch on it without touching the event (events come in many
 * shapes, and reading a field from them would be a slow polymorphic load in V8). The tag
 * rides in the low bits of the sequence key (seq · 8 + tag, exact below 2^50 events),
 * which orders exactly as the sequence does.
 */
export class EventQueue<E extends Scheduled> {
  // Calendar nodes: a pool of list cells, linked through `next`.
  private times = new Float64Array(256);
  private keys = new Float64Array(256);
  private tags = new Uint8Array(256);
  private items: (E | undefined)[] = new Array(256).fill(undefined);
  private next = new Int32Array(256);
  private free = new Int32Array(256);
  private freeCount = 0;
  private used = 0;

  private readonly heads = new Int32Array(BUCKETS).fill(NONE);
  private readonly tails = new Int32Array(BUCKETS).fill(NONE);
  /** Bit b set ⇔ bucket b holds an event. */
  private readonly occupied = new Uint32Array(WORDS);
  /** Absolute bucket number (time / 64 µs) where the window starts; it only moves forward. */
  private windowStart = 0;
  private inCalendar = 0;
  private readonly overflow = new EventHeap<E>();
  private nextSeq = 0;

  /** The earliest event's location (UNKNOWN until looked up again), time and key. */
  private front = UNKNOWN;
  private frontTime = 0;
  private frontKey = 0;
  private frontTag = 0;

  /** Due time and tag of the event `popDue` returned last. */
  poppedTime = 0;
  poppedTag = 0;

  get size(): number {
    return this.inCalendar + this.overflow.size;
  }

  push(event: E, tag = 0): void {
    this.schedule(event, event.time, tag);
  }

  /**
   * `push` with the due time passed in: the hot paths use it, because reading `time` from
   * events of many shapes is a megamorphic property load in V8.
   */
  schedule(event: E, time: number, tag: number): void {
    const key = this.nextSeq++ * TAG_BITS + tag;
    const bucket = Math.floor(time * PER_BUCKET_US);
    if (bucket >= this.windowStart && bucket < this.windowStart + BUCKETS) this.insert(bucket & BUCKET_MASK, event, time, key, tag);
    else this.overflow.insert(event, time, key);
    // A later event leaves the known front where it is.
    if (this.front !== UNKNOWN && (time < this.frontTime || (time === this.frontTime && key < this.frontKey))) this.front = UNKNOWN;
  }

  peek(): E | undefined {
    const f = this.locate();
    if (f === NONE) return undefined;
    return f === IN_HEAP ? this.overflow.topItem() : this.items[f];
  }

  /** Due time of the next event, or Infinity when empty. */
  peekTime(): number {
    return this.locate() === NONE ? Infinity : this.frontTime;
  }

  /** Tag the next event was pushed with (meaningless when empty). */
  peekTag(): number {
    this.locate();
    return this.frontTag;
  }

  pop(): E | undefined {
    const f = this.locate();
    if (f === NONE) return undefined;
    return this.take(f);
  }

  /**
   * Takes the earliest event if it is due at or before `untilUs` (else undefined), leaving
   * its time and tag in `poppedTime`/`poppedTag`: the event loop's one call per event.
   */
  popDue(untilUs: number): E | undefined {
    const f = this.locate();
    if (f === NONE || this.frontTime > untilUs) return undefined;
    this.poppedTime = this.frontTime;
    this.poppedTag = this.frontTag;
    return this.take(f);
  }

  /** Removes the front event, found by `locate` at `f`. */
  private take(f: number): E | undefined {
    const bucket = Math.floor(this.frontTime * PER_BUCKET_US);
    const event = f === IN_HEAP ? this.overflow.removeTop() : this.unlinkHead(f, bucket & BUCKET_MASK);
    this.front = UNKNOWN;
    // Everything left is due at or after this event, so the window may start at its bucket.
    if (bucket > this.windowStart) this.windowStart = bucket;
    return event;
  }

  /** Finds the earliest event (cached until the queue changes in a way that could move it). */
  private locate(): number {
    if (this.front !== UNKNOWN) return this.front;
    let front = NONE;
    if (this.inCalendar > 0) {
      const node = this.heads[this.firstOccupied()];
      front = node;
      this.frontTime = this.times[node];
      this.frontKey = this.keys[node];
      this.frontTag = this.tags[node];
    }
    const heap = this.overflow;
    if (heap.size > 0) {
      const t = heap.topTime();
      if (front === NONE || t < this.frontTime || (t === this.frontTime && heap.topKey() < this.frontKey)) {
        front = IN_HEAP;
        this.frontTime = t;
        const key = heap.topKey();
        this.frontKey = key;
        // Not `key % TAG_BITS`: a float modulo is a slow library call; this is exact below 2^53.
        this.frontTag = key - TAG_BITS * Math.floor(key / TAG_BITS);
      }
    }
    this.front = front;
    return front;
  }

  /** The first non-empty bucket at or after the window start, in ring order (= time order). */
  private firstOccupied(): number {
    const occupied = this.occupied;
    const start = this.windowStart & BUCKET_MASK;
    let word = start >>> 5;
    // Bits below the start position in its word belong to the end of the window: skip them first.
    let bits = occupied[word] & (0xffffffff << (start & 31));
    for (let scanned = 0; scanned <= WORDS; scanned++) {
      if (bits !== 0) return (word << 5) + (31 - Math.clz32(bits & -bits));
      word = (word + 1) & (WORDS - 1);
      bits = occupied[word];
    }
    throw new Error('event queue: calendar count and bitmap disagree');
  }

  /** Inserts into bucket b's list, keeping it in (time, key) order. */
  private insert(b: number, event: E, time: number, key: number, tag: number): void {
    const node = this.allocate();
    this.times[node] = time;
    this.keys[node] = key;
    this.tags[node] = tag;
    this.items[node] = event;
    this.inCalendar++;
    const head = this.heads[b];
    if (head === NONE) {
      this.next[node] = NONE;
      this.heads[b] = node;
      this.tails[b] = node;
      this.occupied[b >>> 5] |= 1 << (b & 31);
      return;
    }
    const tail = this.tails[b];
    // Usually the newest event is also the latest in its bucket (its key is the largest).
    if (this.times[tail] <= time) {
      this.next[node] = NONE;
      this.next[tail] = node;
      this.tails[b] = node;
      return;
    }
    if (time < this.times[head]) {
      this.next[node] = head;
      this.heads[b] = node;
      return;
    }
    // Somewhere in the middle: after the last node due at or before `time`.
    let prev = head;
    let cur = this.next[head];
    while (cur !== NONE && this.times[cur] <= time) {
      prev = cur;
      cur = this.next[cur];
    }
    this.next[node] = cur;
    this.next[prev] = node;
  }

  /** Takes `node`, the head of bucket `b`, out of its list. */
  private unlinkHead(node: number, b: number): E | undefined {
    const after = this.next[node];
    this.heads[b] = after;
    if (after === NONE) {
      this.tails[b] = NONE;
      this.occupied[b >>> 5] &= ~(1 << (b & 31));
    }
    const event = this.items[node];
    this.items[node] = undefined; // let the event be collected
    this.free[this.freeCount++] = node;
    this.inCalendar--;
    return event;
  }

  private allocate(): number {
    if (this.freeCount > 0) return this.free[--this.freeCount];
    if (this.used === this.times.length) this.grow();
    return this.used++;
  }

  private grow(): void {
    const size = this.times.length * 2;
    this.times = copyInto(new Float64Array(size), this.times);
    this.keys = copyInto(new Float64Array(size), this.keys);
    this.tags = copyInto(new Uint8Array(size), this.tags);
    this.next = copyInto(new Int32Array(size), this.next);
    this.free = copyInto(new Int32Array(size), this.free);
    for (let i = this.items.length; i < size; i++) this.items.push(undefined);
  }
}

/** `to`, with `from` copied into its start. */
function copyInto<T extends Float64Array | Int32Array | Uint8Array>(to: T, from: T): T {
  to.set(from);
  return to;
}
