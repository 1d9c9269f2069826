import { builtinModules } from 'node:module';
import { posix } from 'node:path';
import ts from 'typescript';

/**
 * The layer rule of DESIGN.md as a checker over one file's text, so the test can prove
 * each rule fires on a synthetic bad file as well as pass on the real tree.
 */
export type RuleId = 'layer' | 'known-layer' | 'react-d3-only-in-ui' | 'node-only-in-cli' | 'deterministic' | 'zod-mini-only';

export interface Violation {
  file: string;
  rule: RuleId;
  detail: string;
}

/** Which of our layers each layer may import (besides itself). Dependencies point down. */
export const ALLOWED_LAYERS: Record<string, readonly string[]> = {
  sim: [],
  model: ['sim'],
  metrics: ['model', 'sim'],
  scenario: ['metrics', 'model', 'sim'],
  cli: ['scenario', 'metrics', 'model', 'sim'],
  ui: ['scenario', 'metrics', 'model', 'sim'],
};

/** Layers that must run unchanged in Node and the browser, and replay identically. */
const DETERMINISTIC_LAYERS = new Set(['sim', 'model', 'metrics', 'scenario']);
const WALL_CLOCK_OR_RANDOM_ACCESS = new Set(['Math.random', 'Date.now', 'performance.now']);
const TIMER_NAMES = new Set(['setTimeout', 'setInterval']);
const NODE_BUILTINS = new Set(builtinModules);

/** `relPath` is relative to the repository root with forward slashes, e.g. `src/sim/rng.ts`. */
export function checkSource(relPath: string, text: string): Violation[] {
  const layer = layerOf(relPath);
  if (layer === undefined || !(layer in ALLOWED_LAYERS)) {
    return [{ file: relPath, rule: 'known-layer', detail: `not inside one of src/{${Object.keys(ALLOWED_LAYERS).join(',')}}` }];
  }
  const violations: Violation[] = [];
  for (const specifier of importSpecifiers(text)) {
    const problem = importProblem(relPath, layer, specifier);
    if (problem) violations.push({ file: relPath, ...problem });
  }
  if (DETERMINISTIC_LAYERS.has(layer)) {
    for (const use of nondeterministicUses(relPath, text)) violations.push({ file: relPath, rule: 'deterministic', detail: use });
  }
  return violations;
}

function importProblem(file: string, layer: string, specifier: string): Omit<Violation, 'file'> | undefined {
  if (specifier.startsWith('.')) {
    const target = layerOf(posix.normalize(posix.join(posix.dirname(file), specifier)));
    if (target === undefined || target === layer || ALLOWED_LAYERS[layer].includes(target)) return undefined;
    return { rule: 'layer', detail: `src/${layer} may not import src/${target} ('${specifier}')` };
  }
  if (isReactOrD3(specifier) && layer !== 'ui') {
    return { rule: 'react-d3-only-in-ui', detail: `only src/ui may import '${specifier}'` };
  }
  // Classic zod cannot be tree-shaken: one import of it puts ~17 kB gzip of string formats,
  // locales and the JSON-Schema generator back into the browser's worker.
  if (specifier === 'zod' || specifier === 'zod/v4') {
    return { rule: 'zod-mini-only', detail: `import 'zod/mini', not '${specifier}' (classic zod does not tree-shake)` };
  }
  if (isNodeBuiltin(specifier) && layer !== 'cli') {
    return { rule: 'node-only-in-cli', detail: `only src/cli may import '${specifier}'` };
  }
  return undefined;
}

/** `src/ui/views/x.ts` → `ui`; anything outside src → undefined. */
export function layerOf(relPath: string): string | undefined {
  const parts = relPath.split('/');
  return parts[0] === 'src' && parts.length > 2 ? parts[1] : undefined;
}

function isReactOrD3(specifier: string): boolean {
  return /^(react|react-dom)(\/|$)/.test(specifier) || /^d3(-[\w-]+)?(\/|$)/.test(specifier);
}

function isNodeBuiltin(specifier: string): boolean {
  return specifier.startsWith('node:') || NODE_BUILTINS.has(specifier) || NODE_BUILTINS.has(specifier.split('/')[0]);
}

/** Static, type-only, re-export and dynamic imports alike: a type import is a dependency too. */
export function importSpecifiers(text: string): string[] {
  return ts.preProcessFile(text, true, true).importedFiles.map((ref) => ref.fileName);
}

/** Uses of the wall clock, timers or unseeded randomness, found in code (not comments or strings). */
export function nondeterministicUses(fileName: string, text: string): string[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isPropertyAccessExpression(node)) {
      const access = node.getText(source).replace(/^(globalThis|window|self)\./, '').replace(/\s+/g, '');
      if (WALL_CLOCK_OR_RANDOM_ACCESS.has(access)) found.push(`${access} at line ${lineOf(source, node)}`);
    } else if (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'Date') {
      found.push(`new Date( at line ${lineOf(source, node)}`);
    } else if (ts.isIdentifier(node) && TIMER_NAMES.has(node.text)) {
      found.push(`${node.text} at line ${lineOf(source, node)}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

function lineOf(source: ts.SourceFile, node: ts.Node): number {
  return source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
}
