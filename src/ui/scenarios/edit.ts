/**
 * Edits of a scenario document (the plain object parsed from YAML/JSON). Pure: each returns
 * a new document and leaves its input alone, so the previous run's document stays valid.
 * An interaction in the page is always one of these followed by a re-run.
 */
export type Doc = Record<string, unknown>;

type Path = (string | number)[];

function clone<T>(x: T): T {
  return structuredClone(x);
}

export function getPath(doc: unknown, path: Path): unknown {
  let cur: unknown = doc;
  for (const k of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string | number, unknown>)[k];
  }
  return cur;
}

/** Sets a value, creating objects along the way; `undefined` removes the field. */
export function setPath(doc: Doc, path: Path, value: unknown): Doc {
  const out = clone(doc);
  let cur = out as Record<string | number, unknown>;
  for (const k of path.slice(0, -1)) {
    if (cur[k] === null || typeof cur[k] !== 'object') cur[k] = {};
    cur = cur[k] as Record<string | number, unknown>;
  }
  const last = path[path.length - 1];
  if (value === undefined) delete cur[last];
  else cur[last] = value;
  return out;
}

interface NodeEntry {
  id: string;
  role?: string;
  [k: string]: unknown;
}

export function nodesOf(doc: Doc): NodeEntry[] {
  return Array.isArray(doc.nodes) ? (doc.nodes as NodeEntry[]) : [];
}

export function replicaIds(doc: Doc): string[] {
  return nodesOf(doc).filter((n) => n.role !== 'primary').map((n) => n.id);
}

/**
 * Adds replicas named db-N (role-neutral, as the built-ins name their nodes: after a
 * failover any of them may be the primary), or removes the most recently listed ones.
 */
export function setReplicaCount(doc: Doc, count: number): Doc {
  const out = clone(doc);
  const nodes = nodesOf(out).slice();
  let replicas = nodes.filter((n) => n.role !== 'primary');
  const used = new Set(nodes.map((n) => n.id));
  let k = 1;
  while (replicas.length < count) {
    while (used.has(`db-${k}`)) k++;
    const n: NodeEntry = { id: `db-${k}`, role: 'replica' };
    used.add(n.id);
    nodes.push(n);
    replicas = nodes.filter((x) => x.role !== 'primary');
  }
  while (replicas.length > Math.max(0, count)) {
    const drop = replicas[replicas.length - 1];
    nodes.splice(nodes.indexOf(drop), 1);
    replicas = nodes.filter((x) => x.role !== 'primary');
  }
  out.nodes = nodes;
  return out;
}

/** A time in the scenario's own units, exact to the microsecond. */
export function atText(tUs: number): string {
  return `${Math.round(tUs)}us`;
}

export function faultsOf(doc: Doc): Record<string, unknown>[] {
  return Array.isArray(doc.faults) ? (doc.faults as Record<string, unknown>[]) : [];
}

function withFault(doc: Doc, fault: Record<string, unknown>): Doc {
  const out = clone(doc);
  out.faults = [...faultsOf(out), fault];
  return out;
}

export function crashAt(doc: Doc, node: string, tUs: number): Doc {
  return withFault(doc, { at: atText(tUs), crash: node });
}

export function recoverAt(doc: Doc, node: string, tUs: number): Doc {
  return withFault(doc, { at: atText(tUs), recover: node });
}

/** Cuts the link between two nodes (both directions) from tUs on. */
export function cutLinkAt(doc: Doc, a: string, b: string, tUs: number): Doc {
  return withFault(doc, { at: atText(tUs), partition: [[a], [b]] });
}

/** Heals every open partition that separates a from b, at tUs. */
export function healLinkAt(doc: Doc, a: string, b: string, tUs: number, isOpenAt: (f: Record<string, unknown>) => boolean): Doc {
  const out = clone(doc);
  out.faults = faultsOf(out).map((f) => {
    const sides = f.partition as string[][] | undefined;
    if (!Array.isArray(sides) || !isOpenAt(f)) return f;
    const sa = sides.findIndex((s) => s.includes(a));
    const sb = sides.findIndex((s) => s.includes(b));
    if (sa < 0 || sb < 0 || sa === sb) return f;
    return { ...f, until: atText(tUs) };
  });
  return out;
}

/** Manually promotes a replica at tUs (the `promote` fault: what an operator's failover command does). */
export function promoteAt(doc: Doc, node: string, tUs: number): Doc {
  return withFault(doc, { at: atText(tUs), promote: node });
}

/**
 * Isolates a node from every other endpoint at tUs: the other nodes, the failover manager and
 * the client groups all land on the far side of one partition.
 */
export function isolateAt(doc: Doc, node: string, others: string[], tUs: number): Doc {
  const rest = others.filter((x) => x !== node);
  if (rest.length === 0) return clone(doc);
  return withFault(doc, { at: atText(tUs), partition: [[node], rest] });
}

function isIsolation(f: Record<string, unknown>, node: string): boolean {
  const sides = f.partition as unknown;
  return Array.isArray(sides) && sides.some((s) => Array.isArray(s) && s.length === 1 && s[0] === node);
}

/** Ends every open isolation of `node` at tUs. */
export function reconnectAt(doc: Doc, node: string, tUs: number): Doc {
  const out = clone(doc);
  out.faults = faultsOf(out).map((f) => (isIsolation(f, node) && f.until === undefined ? { ...f, until: atText(tUs) } : f));
  return out;
}
