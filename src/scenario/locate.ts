import { isAlias, isMap, isScalar, isSeq, type Document, type LineCounter } from 'yaml';
import type { IssuePath } from './issues.ts';

export interface Position {
  line: number;
  column: number;
}

/** Maps a field path to a 1-based line:column in the source text. */
export type Locator = (path: IssuePath, atKey?: boolean) => Position | undefined;

/**
 * Finds the node a path names in a parsed YAML/JSON document. When the path goes further
 * than the document (a missing field), the deepest existing node is used.
 */
export function locator(doc: Document, lineCounter: LineCounter): Locator {
  return (path, atKey = false) => {
    let node: unknown = doc.contents;
    for (let i = 0; i < path.length; i++) {
      if (isAlias(node)) node = node.resolve(doc);
      const seg = path[i];
      if (isMap(node)) {
        const pair = node.items.find((p) => String(isScalar(p.key) ? p.key.value : p.key) === String(seg));
        if (!pair) break;
        if (i === path.length - 1 && atKey) {
          node = pair.key;
          break;
        }
        node = pair.value ?? pair.key;
      } else if (isSeq(node) && typeof seg === 'number' && node.items[seg] !== undefined) {
        node = node.items[seg];
      } else break;
    }
    const range = (node as { range?: [number, number, number] } | null)?.range;
    if (!range) return undefined;
    const { line, col } = lineCounter.linePos(range[0]);
    return { line, column: col };
  };
}
