import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';

const UI = join(import.meta.dirname, '../../src/ui');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : /\.(ts|tsx)$/.test(f) ? [p] : [];
  });
}

// Selection.transition() exists only once 'd3-transition' is imported for its side effect; with
// imports from 'd3' alone the production build drops it and the page throws after `npm run build`.
// The views draw everything as a function of simulated time, so they use none today.
it('a UI file that starts a d3 transition imports d3-transition itself', () => {
  const offenders = files(UI).filter((f) => {
    const src = readFileSync(f, 'utf8');
    return /\.transition\(/.test(src) && !/import ['"]d3-transition['"]/.test(src);
  });
  expect(offenders).toEqual([]);
});
