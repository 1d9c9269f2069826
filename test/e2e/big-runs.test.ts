import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { parseScenario } from '../../src/scenario/index.ts';
import { encodeShare } from '../../src/ui/scenarios/share.ts';
import { devSiteAndBrowser, hasChromium, ROOT, waitForRun, watchConsole } from './harness.ts';

// What the page does with runs too big for it, long runs, a failing engine worker and oversized
// share links. Optional screenshots for people: REPSIM_SHOTS=/some/dir.
const SHOTS = process.env.REPSIM_SHOTS;
const photoDoc = parseScenario(readFileSync(join(ROOT, 'scenarios/photo-upload.yaml'), 'utf8'), 'photo-upload.yaml').document as Record<string, unknown>;
const shareOf = (patch: Record<string, unknown>) => encodeShare('photo-upload.yaml', { ...photoDoc, ...patch });

describe.skipIf(!hasChromium)('big runs, failures and bad links (dev server)', () => {
  const env = devSiteAndBrowser();

  async function open(hash = ''): Promise<{ page: Page; problems: string[] }> {
    const page = await env.browser.newPage({ viewport: { width: 1280, height: 720 } });
    const problems = watchConsole(page);
    await page.goto(env.site.url + hash);
    return { page, problems };
  }

  it('a share link with a 24000 h duration shows the budget message, and its shorter run loads', async () => {
    const { page, problems } = await open(shareOf({ duration: '24000h' }));
    const msg = page.locator('[data-testid=budget-message]');
    await msg.waitFor({ timeout: 60_000 });
    const text = (await msg.textContent())!;
    expect(text).toContain('photo-upload.yaml was not run: 24,000 h of it is too much for this page.');
    expect(text).toMatch(/about [\d.]+B events, over the page's 3M; mostly workload\[\d\]\./);
    expect(text).toContain('repsim run FILE --allow-large');
    expect(await page.evaluate(() => window.__repsim?.run() ?? null)).toBeNull();
    if (SHOTS) await page.screenshot({ path: join(SHOTS, 'budget-message.png') });
    const button = page.locator('[data-testid=shorten-run]');
    const seconds = Number((await button.textContent())!.match(/Run the first ([\d,]+) s/)![1].replace(/,/g, ''));
    await button.click();
    await waitForRun(page);
    expect(await page.evaluate(() => window.__repsim!.run()!.timeline.endUs)).toBe(seconds * 1e6);
    expect(await page.evaluate(() => (window.__repsim!.run()!.document as { duration: unknown }).duration)).toBe(`${seconds}s`);
    await expect(msg.count()).resolves.toBe(0);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('Cancel stops a long run, and the page opens another scenario after it', async () => {
    // 1500 s of photo-upload: about 2.8 million events, within the budget and several seconds of work.
    const { page, problems } = await open(shareOf({ duration: '1500s' }));
    const bar = page.locator('[data-testid=run-progress]');
    await bar.waitFor({ timeout: 60_000 });
    await expect.poll(() => bar.textContent(), { timeout: 60_000 }).toMatch(/ s of 1,?500 s · [\d.]+[KM]? events\/s/);
    if (SHOTS) await page.screenshot({ path: join(SHOTS, 'progress-bar.png') });
    await page.locator('[data-testid=cancel-run]').click();
    await expect(page.locator('[data-testid=run-cancelled]').textContent()).resolves.toBe('Cancelled the run of photo-upload.yaml.');
    await expect(bar.count()).resolves.toBe(0);
    await page.locator('[data-testid=tab-scenario]').click();
    await page.locator('[data-testid=builtin-select]').selectOption('first-write.yaml');
    // The list shows what was asked for from the start (it used to snap back to the shown run's name while simulating).
    await expect(page.locator('[data-testid=builtin-select]').inputValue()).resolves.toBe('first-write.yaml');
    await waitForRun(page);
    expect(await page.evaluate(() => window.__repsim!.run()!.fileName)).toBe('first-write.yaml');
    await expect(page.locator('[data-testid=builtin-select]').inputValue()).resolves.toBe('first-write.yaml');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('a worker that fails mid-run is reported on the page with what to do, and replaced', async () => {
    const page = await env.browser.newPage({ viewport: { width: 1280, height: 720 } });
    const problems = watchConsole(page);
    // A stand-in engine that lists one scenario, then fails as the browser does when a trace is too big to copy.
    await page.route('**/sim.worker.ts*', (route) => route.fulfill({
      contentType: 'text/javascript',
      body: `self.postMessage({ type: 'catalog', scenarios: [{ fileName: 'photo-upload.yaml', title: 'photo-upload' }] });
             self.onmessage = () => { throw new Error('Data cannot be cloned, out of memory.'); };`,
    }));
    await page.goto(env.site.url);
    const err = page.locator('[data-testid=scenario-error] pre');
    await err.waitFor({ timeout: 60_000 });
    const text = (await err.textContent())!;
    expect(text).toContain('The simulator stopped: ');
    expect(text).toContain('Data cannot be cloned, out of memory.');
    expect(text).toContain('The browser ran out of memory for this run. Shorten it (duration)');
    await expect(page.locator('.time-controls.placeholder').textContent()).resolves.toBe('The scenario could not be run.');
    // The fresh worker answers again: the list is usable.
    await expect(page.locator('[data-testid=builtin-select] option').count()).resolves.toBeGreaterThan(0);
    expect(problems.filter((p) => !p.includes('Data cannot be cloned'))).toEqual([]);
    await page.close();
  });

  it('a worker that cannot start is reported on the page instead of "Loading…" forever', async () => {
    const page = await env.browser.newPage({ viewport: { width: 1280, height: 720 } });
    await page.route('**/sim.worker.ts*', (route) => route.fulfill({ contentType: 'text/javascript', body: `throw new Error('engine failed to load');` }));
    await page.goto(env.site.url);
    const err = page.locator('[data-testid=scenario-error] pre');
    await err.waitFor({ timeout: 60_000 });
    await expect(err.textContent()).resolves.toMatch(/^The simulator could not start: .*engine failed to load\. Reload the page/);
    await expect(page.locator('.time-controls.placeholder').textContent()).resolves.toBe('The scenario could not be run.');
    await page.close();
  });

  it('an oversized share link is refused with a message, and the default scenario loads', async () => {
    const { page } = await open('#run=' + 'A'.repeat(20_000));
    await waitForRun(page);
    await expect(page.locator('[data-testid=banner]').textContent()).resolves.toContain('This share link is 20,000 characters long, over the 16,000-character cap for share links, so it was not opened.');
    expect(await page.evaluate(() => window.__repsim!.run()!.fileName)).toBe('photo-upload.yaml');
    await page.close();
  });
});
