import { posix } from 'node:path';
import { importSpecifiers } from './import-rules.ts';

/**
 * Import cycles over the source tree. Type-only imports count: a cycle of types still ties
 * the modules together (neither can be understood, moved or tested without the other), and
 * it is usually the first step towards a cycle of values.
 */

/** File (repository-relative, forward slashes) → the in-tree files it imports. */
export type ImportGraph = ReadonlyMap<string, readonly string[]>;

const RESOLVE_SUFFIXES = ['', '.ts', '.tsx', '.mts', '.js', '.jsx', '/index.ts', '/index.tsx'];

/** Builds the graph from file texts; imports of packages and of files outside `files` are left out. */
export function importGraph(files: ReadonlyMap<string, string>): ImportGraph {
  const graph = new Map<string, string[]>();
  for (const [file, text] of files) {
    const targets = new Set<string>();
    for (const specifier of importSpecifiers(text)) {
      if (!specifier.startsWith('.')) continue;
      const base = posix.normalize(posix.join(posix.dirname(file), specifier));
      const target = RESOLVE_SUFFIXES.map((s) => base + s).find((p) => files.has(p));
      if (target !== undefined) targets.add(target);
    }
    graph.set(file, [...targets].sort());
  }
  return graph;
}

/** A tangle of files that import each other, and one loop through it. */
export interface ImportCycle {
  /** The shortest import path from the tangle's first file (alphabetically) back to itself. */
  loop: string[];
  /** Every file of the tangle (a strongly connected component), sorted. */
  files: string[];
}

/**
 * One cycle per strongly connected component that has one. A component holds every file
 * that sits on some cycle with the others, so an empty answer means the graph has no cycle
 * at all; a component bigger than its loop has further loops, all through its files.
 */
export function findCycles(graph: ImportGraph): ImportCycle[] {
  return stronglyConnected(graph)
    .filter((c) => c.length > 1 || (graph.get(c[0]) ?? []).includes(c[0]))
    .map((c) => {
      const files = [...c].sort();
      return { loop: shortestLoop(graph, new Set(files), files[0]), files };
    })
    .sort((a, b) => a.files[0].localeCompare(b.files[0]));
}

/** `a → b → a`, plus the rest of the tangle when it is bigger than that loop. */
export function formatCycle(cycle: ImportCycle): string {
  const path = cycle.loop.join(' → ');
  const others = cycle.files.filter((f) => !cycle.loop.includes(f));
  return others.length === 0 ? path : `${path} (tangled with ${others.length} more: ${others.join(', ')})`;
}

/** Tarjan's algorithm, iterative so a deep import chain cannot overflow the stack. */
function stronglyConnected(graph: ImportGraph): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  let next = 0;
  for (const root of [...graph.keys()].sort()) {
    if (index.has(root)) continue;
    const work: { node: string; edge: number }[] = [{ node: root, edge: 0 }];
    index.set(root, next);
    low.set(root, next++);
    stack.push(root);
    onStack.add(root);
    while (work.length > 0) {
      const frame = work[work.length - 1];
      const edges = graph.get(frame.node) ?? [];
      if (frame.edge < edges.length) {
        const to = edges[frame.edge++];
        if (!index.has(to)) {
          index.set(to, next);
          low.set(to, next++);
          stack.push(to);
          onStack.add(to);
          work.push({ node: to, edge: 0 });
        } else if (onStack.has(to)) low.set(frame.node, Math.min(low.get(frame.node)!, index.get(to)!));
        continue;
      }
      work.pop();
      if (work.length > 0) {
        const parent = work[work.length - 1].node;
        low.set(parent, Math.min(low.get(parent)!, low.get(frame.node)!));
      }
      if (low.get(frame.node) === index.get(frame.node)) {
        const component: string[] = [];
        let member: string;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          component.push(member);
        } while (member !== frame.node);
        components.push(component);
      }
    }
  }
  return components;
}

/** Breadth-first from `start` inside one component, back to `start`. */
function shortestLoop(graph: ImportGraph, component: ReadonlySet<string>, start: string): string[] {
  const cameFrom = new Map<string, string>();
  const queue = [start];
  for (let i = 0; i < queue.length; i++) {
    const node = queue[i];
    for (const to of graph.get(node) ?? []) {
      if (!component.has(to)) continue;
      if (to === start) {
        const path = [start];
        for (let at = node; at !== start; at = cameFrom.get(at)!) path.push(at);
        return [start, ...path.slice(1).reverse(), start];
      }
      if (!cameFrom.has(to)) {
        cameFrom.set(to, node);
        queue.push(to);
      }
    }
  }
  throw new Error(`${start} is in a cycle but no path leads back to it`);
}
