import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { bundleGzipBytes, clockUs, closeCourse, hasChromium, launch, startBuilt, waitForRun, watchConsole } from './harness.ts';
import type { Site } from './harness.ts';

const BUNDLE_LIMIT_BYTES = 200 * 1024;

describe.skipIf(!hasChromium)('built site (vite build + vite preview)', () => {
  let outDir: string;
  let site: Site;
  let browser: Browser;
  let page: Page;
  let problems: string[];
  const figures: string[] = [];
  /** Every file the browser fetched from the site until the first run was on screen. */
  const fetched = new Set<string>();

  beforeAll(async () => {
    outDir = mkdtempSync(join(tmpdir(), 'repsim-dist-'));
    site = await startBuilt(outDir);
    browser = await launch();
    page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    problems = watchConsole(page);
    await page.goto(site.url);
    await waitForRun(page);
    // What the page and its engine worker fetched for the first view, from their own resource
    // timings (a page's request events do not report a worker's imports).
    const urls = [site.url, ...(await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name)))];
    for (const w of page.workers()) urls.push(w.url(), ...(await w.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name))));
    for (const u of urls) {
      const url = new URL(u);
      if (url.origin === new URL(site.url).origin) fetched.add(url.pathname === '/' ? 'index.html' : url.pathname.slice(1));
    }
    await closeCourse(page);
  });

  afterAll(async () => {
    // Speed is a benchmark figure (`npm run bench`), not an assertion here: a busy machine must not fail the tests.
    console.log(`\n  ${figures.join('\n  ')}\n`);
    await browser?.close();
    await site?.close();
    rmSync(outDir, { recursive: true, force: true });
  });

  // The budget is what a visitor downloads before the first run is on screen: the page, the
  // engine worker and the chunks both import at once, and the scenario and course shown.
  // Chunks fetched only on demand (the YAML parser, for a learner's own file or an export)
  // are printed apart, with the total of everything the site holds.
  it('loads its first view within 200 kB gzip', () => {
    const { total, scenarios, files } = bundleGzipBytes(outDir);
    const all = [...files, ...bundleGzipBytes(outDir, { scenarios: true }).files];
    const missing = [...fetched].filter((name) => /\.(js|css|html)$/.test(name) && !all.some((f) => f.name === name));
    expect(missing, 'fetched files the build did not produce').toEqual([]);
    const first = all.filter((f) => fetched.has(f.name));
    const firstBytes = first.reduce((a, f) => a + f.gzip, 0);
    const onDemand = files.filter((f) => !fetched.has(f.name));
    expect(first.some((f) => /sim\.worker/.test(f.name)), 'the engine worker is part of the first load').toBe(true);
    figures.push(`first load: ${(firstBytes / 1024).toFixed(1)} kB gzip (${first.map((f) => `${f.name} ${(f.gzip / 1024).toFixed(1)} kB`).join(', ')})`);
    figures.push(`on demand: ${onDemand.map((f) => `${f.name} ${(f.gzip / 1024).toFixed(1)} kB`).join(', ')}; all code ${(total / 1024).toFixed(1)} kB gzip; built-in scenarios ${(scenarios / 1024).toFixed(1)} kB, loaded one at a time`);
    expect(firstBytes).toBeLessThanOrEqual(BUNDLE_LIMIT_BYTES);
  });

  it('loads, plays and pauses like the dev server, with transitions intact', async () => {
    await page.locator('[data-testid=play]').click();
    await page.waitForTimeout(500);
    await page.keyboard.press('Space');
    expect(await clockUs(page)).toBeGreaterThan(0);
    expect(await page.locator('g.place.node').count()).toBeGreaterThanOrEqual(3);
    expect(problems).toEqual([]);
  });

  it('logged no console errors or warnings', () => {
    expect(problems).toEqual([]);
  });
});
