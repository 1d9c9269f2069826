// Writing a varied value into a scenario document at a dotted path (nodes.1.applyTime).
import { VaryError, type VaryValue } from './spec.ts';

/**
 * Returns a copy of `document` with `value` at `path`. A missing field is created (a scenario
 * may leave `nodes.1.applyTime` to its default), but list indices must exist and a path may
 * not go through a value; the schema then judges the result like any file.
 */
export function withValueAt(document: unknown, path: string, value: VaryValue): unknown {
  const copy = structuredClone(document) as Record<string, unknown>;
  const segments = path.split('.');
  let node: unknown = copy;
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i];
    const last = i === segments.length - 1;
    const here = segments.slice(0, i).join('.') || '(the document)';
    if (Array.isArray(node)) {
      const index = /^\d+$/.test(segment) ? Number(segment) : NaN;
      if (!(index < node.length)) {
        throw unknownPath(path, `${here} is a list of ${node.length} ${node.length === 1 ? 'entry' : 'entries'}, so '${segment}' must be an index from 0 to ${node.length - 1}`);
      }
      if (last) node[index] = value;
      else node = node[index];
    } else if (node !== null && typeof node === 'object') {
      const record = node as Record<string, unknown>;
      if (last) setOwn(record, segment, value);
      else {
        if (!Object.hasOwn(record, segment) || record[segment] === undefined || record[segment] === null) {
          if (/^\d+$/.test(segments[i + 1])) throw unknownPath(path, `${segments.slice(0, i + 1).join('.')} is not in the scenario, so it has no index ${segments[i + 1]}`);
          setOwn(record, segment, {});
        }
        node = record[segment];
      }
    } else {
      throw unknownPath(path, `${here} is a single value (${JSON.stringify(node)}), not a mapping or a list`);
    }
  }
  return copy;
}

/** A plain assignment to `__proto__` would replace the prototype instead of adding a field. */
function setOwn(record: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(record, key, { value, writable: true, enumerable: true, configurable: true });
}

function unknownPath(path: string, problem: string): VaryError {
  return new VaryError(path, `unknown path: ${problem}`);
}
