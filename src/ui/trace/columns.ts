import type { TraceRecord } from '../../model/trace.ts';

/**
 * The trace in columns, as the engine worker hands it to the page: one table per record type,
 * one typed array per field, every string interned. A million records are a few dozen typed
 * arrays (transferred, not copied) instead of a million objects through structured clone,
 * and the page decodes a record only when it needs that one (`recordAt`).
 *
 * Generic over record types: a field's column kind is set by the values it carries, so a new
 * record type or field needs no change here.
 */

/** How a field is stored: numbers, interned strings, booleans, or any other value as interned JSON. */
export type ColumnKind = 'num' | 'str' | 'bool' | 'json';

export interface FieldColumn {
  name: string;
  kind: ColumnKind;
  /** num: Float64Array (NaN = absent); str/json: Int32Array (string index; ABSENT / NULL); bool: Uint8Array (0, 1, 2 = absent). */
  data: Float64Array | Int32Array | Uint8Array;
}

export interface TypeTable {
  type: string;
  count: number;
  /** Per row: the record's index in the trace (so a scan of one table knows each row's time). */
  rec: Uint32Array;
  fields: FieldColumn[];
}

export interface TraceColumns {
  count: number;
  /** Per record: index into `tables` (its type). */
  type: Uint8Array;
  /** Per record: simulated time (µs). */
  t: Float64Array;
  /** Per record: its row in its type's table. */
  row: Uint32Array;
  tables: TypeTable[];
  strings: string[];
}

const ABSENT = -1;
const NULL = -2;
const BOOL_ABSENT = 2;

interface Growing {
  name: string;
  kind: ColumnKind;
  data: Float64Array | Int32Array | Uint8Array;
}

interface GrowingTable {
  type: string;
  count: number;
  rec: Uint32Array;
  fields: Growing[];
  byName: Map<string, Growing>;
  capacity: number;
}

function alloc(kind: ColumnKind, n: number): Float64Array | Int32Array | Uint8Array {
  if (kind === 'num') return new Float64Array(n).fill(NaN);
  if (kind === 'bool') return new Uint8Array(n).fill(BOOL_ABSENT);
  return new Int32Array(n).fill(ABSENT);
}

function kindOf(v: unknown): ColumnKind {
  return typeof v === 'number' ? 'num' : typeof v === 'string' ? 'str' : typeof v === 'boolean' ? 'bool' : 'json';
}

/** Builds the columns record by record (the engine's trace sink in the worker). */
export class ColumnEncoder {
  private n = 0;
  private cap = 1024;
  private typeCol = new Uint8Array(this.cap);
  private tCol = new Float64Array(this.cap);
  private rowCol = new Uint32Array(this.cap);
  private tables: GrowingTable[] = [];
  private tableOf = new Map<string, number>();
  private strings: string[] = [];
  private stringIds = new Map<string, number>();

  readonly push = (r: TraceRecord): void => {
    if (this.n === this.cap) this.growRecords();
    let ti = this.tableOf.get(r.type);
    if (ti === undefined) {
      ti = this.tables.length;
      if (ti > 255) throw new Error('more than 256 trace record types');
      this.tableOf.set(r.type, ti);
      this.tables.push({ type: r.type, count: 0, rec: new Uint32Array(64), fields: [], byName: new Map(), capacity: 64 });
    }
    const tab = this.tables[ti];
    if (tab.count === tab.capacity) growTable(tab);
    const row = tab.count++;
    this.typeCol[this.n] = ti;
    this.tCol[this.n] = r.t;
    this.rowCol[this.n] = row;
    tab.rec[row] = this.n;
    this.n++;
    for (const key in r) {
      if (key === 't' || key === 'type') continue;
      const v = (r as unknown as Record<string, unknown>)[key];
      if (v === undefined) continue;
      let col = tab.byName.get(key);
      const kind = v === null ? null : kindOf(v);
      if (!col) {
        col = { name: key, kind: kind ?? 'json', data: alloc(kind ?? 'json', tab.capacity) };
        tab.fields.push(col);
        tab.byName.set(key, col);
      } else if (kind !== null && kind !== col.kind) {
        this.toJson(col, row);
      }
      this.store(col, row, v);
    }
  };

  private intern(s: string): number {
    let id = this.stringIds.get(s);
    if (id === undefined) {
      id = this.strings.length;
      this.strings.push(s);
      this.stringIds.set(s, id);
    }
    return id;
  }

  private store(col: Growing, row: number, v: unknown): void {
    if (v === null) {
      if (col.kind === 'str' || col.kind === 'json') (col.data as Int32Array)[row] = NULL;
      else this.toJson(col, row), ((col.data as Int32Array)[row] = NULL);
      return;
    }
    if (col.kind === 'num') (col.data as Float64Array)[row] = v as number;
    else if (col.kind === 'bool') (col.data as Uint8Array)[row] = v ? 1 : 0;
    else if (col.kind === 'str') (col.data as Int32Array)[row] = this.intern(v as string);
    else (col.data as Int32Array)[row] = this.intern(JSON.stringify(v));
  }

  /** A field that carries values of more than one kind (meta's seed: string or number) becomes JSON. */
  private toJson(col: Growing, rows: number): void {
    if (col.kind === 'json') return;
    const old = col;
    const data = alloc('json', old.data.length) as Int32Array;
    for (let i = 0; i < rows; i++) {
      const v = readCell(old, i, this.strings);
      if (v !== undefined) data[i] = v === null ? NULL : this.intern(JSON.stringify(v));
    }
    col.kind = 'json';
    col.data = data;
  }

  private growRecords(): void {
    this.cap *= 2;
    const grow = <T extends Uint8Array | Float64Array | Uint32Array>(a: T, make: (n: number) => T): T => {
      const b = make(this.cap);
      b.set(a);
      return b;
    };
    this.typeCol = grow(this.typeCol, (n) => new Uint8Array(n));
    this.tCol = grow(this.tCol, (n) => new Float64Array(n));
    this.rowCol = grow(this.rowCol, (n) => new Uint32Array(n));
  }

  /** The finished columns (trimmed to size), and the buffers to transfer with them. */
  finish(): { columns: TraceColumns; transfer: ArrayBuffer[] } {
    const n = this.n;
    const columns: TraceColumns = {
      count: n,
      type: this.typeCol.slice(0, n),
      t: this.tCol.slice(0, n),
      row: this.rowCol.slice(0, n),
      tables: this.tables.map((tab) => ({
        type: tab.type,
        count: tab.count,
        rec: tab.rec.slice(0, tab.count),
        fields: tab.fields.map((f) => ({ name: f.name, kind: f.kind, data: f.data.slice(0, tab.count) })),
      })),
      strings: this.strings,
    };
    return { columns, transfer: transferables(columns) };
  }
}

function growTable(tab: GrowingTable): void {
  tab.capacity *= 2;
  const rec = new Uint32Array(tab.capacity);
  rec.set(tab.rec);
  tab.rec = rec;
  for (const f of tab.fields) {
    const b = alloc(f.kind, tab.capacity);
    (b as Float64Array).set(f.data as Float64Array);
    f.data = b;
  }
  // Fields first seen later are allocated at the new capacity.
}

function readCell(col: { kind: ColumnKind; data: Float64Array | Int32Array | Uint8Array }, row: number, strings: string[]): unknown {
  const x = col.data[row];
  switch (col.kind) {
    case 'num':
      return x === x ? x : undefined;
    case 'bool':
      return x === BOOL_ABSENT ? undefined : x === 1;
    case 'str':
      return x === ABSENT ? undefined : x === NULL ? null : strings[x];
    default:
      return x === ABSENT ? undefined : x === NULL ? null : (JSON.parse(strings[x]) as unknown);
  }
}

/** Every buffer in the columns, for postMessage's transfer list. */
export function transferables(c: TraceColumns): ArrayBuffer[] {
  const out: ArrayBuffer[] = [c.type.buffer as ArrayBuffer, c.t.buffer as ArrayBuffer, c.row.buffer as ArrayBuffer];
  for (const tab of c.tables) {
    out.push(tab.rec.buffer as ArrayBuffer);
    for (const f of tab.fields) out.push(f.data.buffer as ArrayBuffer);
  }
  return out;
}

/** Record i as the engine wrote it (a fresh object: for the few records a view looks at). */
export function recordAt(c: TraceColumns, i: number): TraceRecord {
  const tab = c.tables[c.type[i]];
  const row = c.row[i];
  const out: Record<string, unknown> = { t: c.t[i], type: tab.type };
  for (const f of tab.fields) {
    const v = readCell(f, row, c.strings);
    if (v !== undefined) out[f.name] = v;
  }
  return out as unknown as TraceRecord;
}

/** Encodes records already in memory (tests, and traces loaded as objects). */
export function encodeRecords(records: readonly TraceRecord[]): TraceColumns {
  const enc = new ColumnEncoder();
  for (const r of records) enc.push(r);
  return enc.finish().columns;
}

/** The table of one record type, or undefined if the trace has none. */
export function tableOf(c: TraceColumns, type: string): TypeTable | undefined {
  return c.tables.find((t) => t.type === type);
}

/** Type code of a record type (−1 if the trace has none). */
export function typeCode(c: TraceColumns, type: string): number {
  return c.tables.findIndex((t) => t.type === type);
}

/** Typed access to one field of a table: numbers, strings or booleans by row. */
export function numColumn(tab: TypeTable | undefined, name: string): Float64Array | null {
  const f = tab?.fields.find((x) => x.name === name);
  return f && f.kind === 'num' ? (f.data as Float64Array) : null;
}

export function strColumn(c: TraceColumns, tab: TypeTable | undefined, name: string): ((row: number) => string | undefined) | null {
  const f = tab?.fields.find((x) => x.name === name);
  if (!f || f.kind !== 'str') return null;
  const d = f.data as Int32Array;
  return (row) => (d[row] >= 0 ? c.strings[d[row]] : undefined);
}

export function boolColumn(tab: TypeTable | undefined, name: string): Uint8Array | null {
  const f = tab?.fields.find((x) => x.name === name);
  return f && f.kind === 'bool' ? (f.data as Uint8Array) : null;
}

/** Records of the given types, decoded, in trace order with their indexes. */
export function* recordsOfTypes(c: TraceColumns, types: readonly string[]): Generator<[number, TraceRecord]> {
  const want = new Uint8Array(c.tables.length);
  let any = false;
  for (const ty of types) {
    const k = typeCode(c, ty);
    if (k >= 0) (want[k] = 1), (any = true);
  }
  if (!any) return;
  for (let i = 0; i < c.count; i++) if (want[c.type[i]]) yield [i, recordAt(c, i)];
}
