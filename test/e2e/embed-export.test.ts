import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { clockUs, devSiteAndBrowser, hasChromium, headlessReport, seek, waitForRun, watchConsole } from './harness.ts';

// Issue 14, items 3 and 4: the presenter view, the embeddable player and its snippet, and
// every export producing a non-empty file of the right type, named after scenario and seed.
describe.skipIf(!hasChromium)('present, embed and export (dev server)', () => {
  const env = devSiteAndBrowser();

  const visible = (page: Page, sel: string) => page.locator(sel).first().evaluate((el) => getComputedStyle(el).display !== 'none' && (el as HTMLElement).offsetParent !== null).catch(() => false);

  it('?embed=1 is a compact player: the cluster, time controls and captions, an "open in repsim" link, no course', async () => {
    const page = await env.browser.newPage({ viewport: { width: 760, height: 480 } });
    const problems = watchConsole(page);
    await page.goto(`${env.site.url}?scenario=split-brain&t=12s&embed=1`);
    await waitForRun(page);
    await expect.poll(() => clockUs(page)).toBe(12_000_000);
    expect(await page.locator('[data-testid=course]').count()).toBe(0);
    expect(await visible(page, '[data-testid=cluster-view]')).toBe(true);
    expect(await visible(page, '[data-testid=play]')).toBe(true);
    expect(await visible(page, '.narration, .caption-stop')).toBe(true);
    for (const hidden of ['[data-testid=summary]', '.spacetime-panel', '[data-testid=scenario-panel]', '[data-testid=open-course]']) expect(await visible(page, hidden), hidden).toBe(false);
    const link = page.locator('[data-testid=open-in-repsim]');
    expect(await link.getAttribute('target')).toBe('_blank');
    const href = new URL((await link.getAttribute('href'))!);
    expect(href.searchParams.get('scenario')).toBe('split-brain');
    expect(href.searchParams.get('embed')).toBeNull();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(760);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('the Embed button gives an iframe snippet of the embeddable player at the playhead', async () => {
    const page = await env.browser.newPage({ viewport: { width: 1280, height: 720 } });
    await page.goto(`${env.site.url}?scenario=photo-upload`);
    await waitForRun(page);
    await seek(page, 2_000_000);
    await page.locator('[data-testid=open-embed]').click();
    const snippet = await page.locator('[data-testid=embed-snippet]').inputValue();
    expect(snippet).toMatch(/^<iframe src="http:\/\/127\.0\.0\.1:\d+\/\?scenario=photo-upload&amp;t=2s&amp;embed=1" title="repsim: [^"]+" width="760" height="480"/);
    await page.keyboard.press('Escape');
    await page.locator('[data-testid=embed-dialog]').waitFor({ state: 'detached' });
    await page.close();
  });

  it('Present shows only the cluster, time controls and captions, and the address keeps it', async () => {
    const page = await env.browser.newPage({ viewport: { width: 1280, height: 720 } });
    await page.goto(`${env.site.url}?scenario=photo-upload`);
    await waitForRun(page);
    await page.locator('[data-testid=present]').click();
    await expect.poll(() => page.url()).toContain('present=1');
    expect(await visible(page, '[data-testid=summary]')).toBe(false);
    expect(await visible(page, '[data-testid=cluster-view]')).toBe(true);
    await page.locator('[data-testid=present]').click();
    await expect.poll(() => page.url()).not.toContain('present=1');
    expect(await visible(page, '[data-testid=summary]')).toBe(true);
    await page.close();
  });

  it('each export gives a non-empty file of the right type, named after scenario and seed', async () => {
    const page = await env.browser.newPage({ viewport: { width: 1280, height: 720 }, acceptDownloads: true });
    const problems = watchConsole(page);
    await page.goto(`${env.site.url}?scenario=photo-upload&seed=3&t=4s`);
    await waitForRun(page);
    await expect.poll(() => clockUs(page)).toBe(4_000_000);
    await page.locator('[data-testid=open-export]').click();
    const files: Record<string, Buffer> = {};
    for (const id of ['svg', 'png', 'json', 'csv', 'ndjson']) {
      const [dl] = await Promise.all([page.waitForEvent('download'), page.locator(`[data-testid=export-${id}]`).click()]);
      const path = await dl.path();
      files[dl.suggestedFilename()] = readFileSync(path);
    }
    expect(Object.keys(files).sort()).toEqual([
      'photo-upload-seed3-report.csv', 'photo-upload-seed3-report.json', 'photo-upload-seed3-t4s.png', 'photo-upload-seed3-t4s.svg', 'photo-upload-seed3-trace.ndjson',
    ]);
    const svg = files['photo-upload-seed3-t4s.svg'].toString('utf8');
    expect(svg).toMatch(/^<\?xml[^>]*>\n<svg [^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    expect(svg).toContain('data:image/png;base64,');
    expect(svg).toMatch(/>db-2</);
    const png = files['photo-upload-seed3-t4s.png'];
    expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    expect(png.length).toBeGreaterThan(5_000);
    // The report is the run's, as `repsim run --format json` prints it (the same figures as a headless run of that seed).
    const report = JSON.parse(files['photo-upload-seed3-report.json'].toString('utf8'));
    expect(report).toEqual(JSON.parse(JSON.stringify(await page.evaluate(() => window.__repsim!.run()!.report))));
    expect(report.seed ?? report.scenario?.seed ?? 3).toBeDefined();
    const csv = files['photo-upload-seed3-report.csv'].toString('utf8').trim().split('\n');
    expect(csv[0]).toBe('path,value');
    expect(csv).toContain(`events,${report.events}`);
    const lines = files['photo-upload-seed3-trace.ndjson'].toString('utf8').trim().split('\n');
    expect(lines.length).toBe(await page.evaluate(() => window.__repsim!.run()!.timeline.trace.count));
    expect(JSON.parse(lines[0])).toEqual(await page.evaluate(() => window.__repsim!.records()[0]));
    expect(problems).toEqual([]);
    await page.close();
  });
});
