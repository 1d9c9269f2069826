import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findCycles, formatCycle, importGraph } from './import-cycles.ts';
import { checkSource, type RuleId, type Violation } from './import-rules.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SOURCE_FILE = /\.(ts|tsx|mts|js|mjs|jsx)$/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return SOURCE_FILE.test(entry.name) ? [path] : [];
  });
}

/** Every source file under src: repository-relative path (forward slashes) → text. */
const tree = new Map(sourceFiles(join(ROOT, 'src')).map((path) => [relative(ROOT, path).split(sep).join('/'), readFileSync(path, 'utf8')] as const));

const treeViolations: Violation[] = [...tree].flatMap(([file, text]) => checkSource(file, text));

const describeRule = (rule: RuleId) => treeViolations.filter((v) => v.rule === rule).map((v) => `${v.file}: ${v.detail}`);

describe('the source tree follows the layer rule of DESIGN.md', () => {
  it('finds source files to check', () => {
    expect(sourceFiles(join(ROOT, 'src')).length).toBeGreaterThan(0);
  });
  it('puts every source file inside a known layer', () => expect(describeRule('known-layer')).toEqual([]));
  it('imports only downward: sim ← model ← metrics ← scenario ← cli/ui', () => expect(describeRule('layer')).toEqual([]));
  it('imports react and d3 only from src/ui', () => expect(describeRule('react-d3-only-in-ui')).toEqual([]));
  it('imports node builtins only from src/cli', () => expect(describeRule('node-only-in-cli')).toEqual([]));
  it('imports zod only as zod/mini, which tree-shakes', () => expect(describeRule('zod-mini-only')).toEqual([]));
  it('uses no wall clock, timers or Math.random in sim, model, metrics, scenario', () =>
    expect(describeRule('deterministic')).toEqual([]));
  it('has no import cycle, type-only imports included', () => expect(findCycles(importGraph(tree)).map(formatCycle)).toEqual([]));
});

describe('the cycle checker itself', () => {
  const cyclesOf = (files: Record<string, string>) => findCycles(importGraph(new Map(Object.entries(files)))).map(formatCycle);

  it('finds a planted cycle through type-only imports and prints its path', () => {
    expect(
      cyclesOf({
        'src/model/world.ts': "import { Primary } from './primary.ts';",
        'src/model/primary.ts': "import type { Msg } from './message.ts';",
        'src/model/message.ts': "import type { World } from './world.ts';",
        'src/model/log.ts': "import type { Msg } from './message.ts';",
      }),
    ).toEqual(['src/model/message.ts → src/model/world.ts → src/model/primary.ts → src/model/message.ts']);
  });
  it('finds a file importing itself, and re-exports and dynamic imports as edges', () => {
    expect(cyclesOf({ 'src/a.ts': "export * from './a.ts';" })).toEqual(['src/a.ts → src/a.ts']);
    expect(cyclesOf({ 'src/a.ts': "export { b } from './b';", 'src/b.ts': "const a = await import('./a.ts');" })).toEqual(['src/a.ts → src/b.ts → src/a.ts']);
  });
  it('reports one cycle per tangle, each the shortest loop through its first file', () => {
    expect(
      cyclesOf({
        'src/x/a.ts': "import './b.ts'; import './c.ts';",
        'src/x/b.ts': "import './c.ts';",
        'src/x/c.ts': "import './a.ts';",
        'src/y/p.ts': "import '../y/q/index.ts';",
        'src/y/q/index.ts': "import '../p.ts';",
      }),
    ).toEqual(['src/x/a.ts → src/x/c.ts → src/x/a.ts (tangled with 1 more: src/x/b.ts)', 'src/y/p.ts → src/y/q/index.ts → src/y/p.ts']);
  });
  it('accepts a diamond and ignores package imports', () => {
    expect(
      cyclesOf({
        'src/a.ts': "import './b.ts'; import './c.ts'; import 'zod';",
        'src/b.ts': "import type { D } from './d.ts';",
        'src/c.ts': "import type { D } from './d.ts';",
        'src/d.ts': "import { z } from 'zod';",
      }),
    ).toEqual([]);
  });
});

const rulesOf = (file: string, text: string) => checkSource(file, text).map((v) => v.rule);

describe('the layer checker itself', () => {
  it('flags src/sim importing anything of ours', () => {
    expect(rulesOf('src/sim/x.ts', "import { Node } from '../model/node.ts';")).toEqual(['layer']);
    expect(rulesOf('src/sim/x.ts', "import { Rng } from './rng.ts';")).toEqual([]);
  });
  it('lets src/model import only src/sim', () => {
    expect(rulesOf('src/model/x.ts', "import { Heap } from '../sim/event-queue.ts';")).toEqual([]);
    expect(rulesOf('src/model/x.ts', "import type { Report } from '../metrics/report.ts';")).toEqual(['layer']);
  });
  it('lets src/metrics import model and sim but not scenario', () => {
    expect(rulesOf('src/metrics/x.ts', "import type { WorldConfig } from '../model/config.ts';")).toEqual([]);
    expect(rulesOf('src/metrics/x.ts', "export * from '../scenario/units.ts';")).toEqual(['layer']);
  });
  it('forbids src/scenario from importing the entry points', () => {
    expect(rulesOf('src/scenario/x.ts', "import { main } from '../cli/main.ts';")).toEqual(['layer']);
    expect(rulesOf('src/scenario/x.ts', "const ui = await import('../ui/app.tsx');")).toEqual(['layer']);
  });
  it('flags classic zod anywhere and allows zod/mini', () => {
    expect(rulesOf('src/scenario/x.ts', "import { z } from 'zod';")).toEqual(['zod-mini-only']);
    expect(rulesOf('src/scenario/x.ts', "import { z } from 'zod/mini';")).toEqual([]);
  });

  it('flags react or d3 outside src/ui and allows them inside', () => {
    expect(rulesOf('src/metrics/x.ts', "import { useState } from 'react';")).toEqual(['react-d3-only-in-ui']);
    expect(rulesOf('src/model/x.ts', "import { scaleLinear } from 'd3-scale';")).toEqual(['react-d3-only-in-ui']);
    expect(rulesOf('src/ui/views/x.tsx', "import * as d3 from 'd3';\nimport { jsx } from 'react/jsx-runtime';")).toEqual([]);
  });
  it('flags node builtins, prefixed or bare, outside src/cli', () => {
    expect(rulesOf('src/model/x.ts', "import { readFileSync } from 'node:fs';")).toEqual(['node-only-in-cli']);
    expect(rulesOf('src/scenario/x.ts', "import path from 'path';")).toEqual(['node-only-in-cli']);
    expect(rulesOf('src/ui/x.ts', "import { readFile } from 'fs/promises';")).toEqual(['node-only-in-cli']);
    expect(rulesOf('src/cli/x.ts', "import { readFileSync } from 'node:fs';")).toEqual([]);
  });
  it('flags each source of nondeterminism in code of the deterministic layers', () => {
    for (const code of ['Math.random()', 'Date.now()', 'performance.now()', 'new Date()', 'setTimeout(f, 1)', 'globalThis.setInterval(f, 1)']) {
      expect(rulesOf('src/model/x.ts', `export const f = () => ${code};`), code).toEqual(['deterministic']);
    }
  });
  it('ignores those names in comments and strings, and in src/cli', () => {
    expect(rulesOf('src/sim/x.ts', "// never Math.random or Date.now\nexport const s = 'setTimeout';")).toEqual([]);
    expect(rulesOf('src/cli/x.ts', 'export const t = Date.now();')).toEqual([]);
  });
  it('flags a file outside the known layers', () => {
    expect(rulesOf('src/misc/x.ts', '')).toEqual(['known-layer']);
  });
});
