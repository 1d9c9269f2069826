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

  beforeAll(async () => {
    outDir = mkdtempSync(join(tmpdir(), 'repsim-dist-'));
    site = await startBuilt(outDir);
    browser = await launch();
    page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    problems = watchConsole(page);
    await page.goto(site.url);
    await waitForRun(page);
    await closeCourse(page);
  });

  afterAll(async () => {
    // Speed is a benchmark figure (`npm run bench`), not an assertion here: a busy machine must not fail the tests.
    console.log(`\n  ${figures.join('\n  ')}\n`);
    await browser?.close();
    await site?.close();
    rmSync(outDir, { recursive: true, force: true });
  });

  it('ships a production bundle within 200 kB gzip', () => {
    const { total, scenarios, files } = bundleGzipBytes(outDir);
    figures.push(`bundle: ${(total / 1024).toFixed(1)} kB gzip (${files.map((f) => `${f.name} ${(f.gzip / 1024).toFixed(1)} kB`).join(', ')}); built-in scenarios ${(scenarios / 1024).toFixed(1)} kB more, loaded one at a time`);
    expect(total).toBeLessThanOrEqual(BUNDLE_LIMIT_BYTES);
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
