import { compressToEncodedURIComponent } from 'lz-string';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { clockUs, devSiteAndBrowser, hasChromium, seek, waitForRun, watchConsole } from './harness.ts';

// Issue 14, item 1: the address names what is open; Back / Forward / Reload work; share links
// carry the moment and are versioned.
const runOf = (page: Page) => page.evaluate(() => {
  const r = window.__repsim!.run()!;
  return { runId: r.runId, fileName: r.fileName, document: r.document as Record<string, unknown>, report: JSON.stringify(r.report), nodeIds: r.timeline.nodeIds };
});

describe.skipIf(!hasChromium)('state in the address (dev server)', () => {
  const env = devSiteAndBrowser();

  const open = async (path: string) => {
    const page = await env.browser.newPage({ viewport: { width: 1280, height: 720 } });
    const problems = watchConsole(page);
    await page.goto(env.site.url + path);
    await waitForRun(page);
    return { page, problems };
  };

  it('?scenario=split-brain&t=12s opens that scenario at 12 s, titled after it, without the course', async () => {
    const { page, problems } = await open('?scenario=split-brain&t=12s&speed=2');
    expect((await runOf(page)).fileName).toBe('split-brain.yaml');
    await expect.poll(() => clockUs(page)).toBe(12_000_000);
    expect(await page.evaluate(() => window.__repsim!.playhead.speed)).toBe(2);
    expect(await page.title()).toMatch(/^Split brain.* · repsim$/i);
    expect(await page.locator('[data-testid=course]').count()).toBe(0);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('a scenario change is a history entry: Back re-opens the previous scenario at its moment, Forward the next', async () => {
    const { page } = await open('?scenario=split-brain&t=12s');
    const first = await runOf(page);
    await page.locator('[data-testid=tab-scenario]').click();
    await page.locator('[data-testid=builtin-select]').selectOption('photo-upload.yaml');
    await waitForRun(page, first.runId);
    await expect.poll(() => page.url()).toMatch(/\?scenario=photo-upload$/);
    expect(await page.title()).toMatch(/· repsim$/);
    await seek(page, 3_000_000);
    await expect.poll(() => page.url()).toMatch(/\?scenario=photo-upload&t=3s$/);
    const second = await runOf(page);
    await page.goBack();
    await waitForRun(page, second.runId);
    expect((await runOf(page)).fileName).toBe('split-brain.yaml');
    await expect.poll(() => clockUs(page)).toBe(12_000_000);
    const third = await runOf(page);
    await page.goForward();
    await waitForRun(page, third.runId);
    expect((await runOf(page)).fileName).toBe('photo-upload.yaml');
    await expect.poll(() => clockUs(page)).toBe(3_000_000);
    await page.close();
  });

  it('a what-if is a history entry that survives a reload; Back undoes it', async () => {
    const { page } = await open('?scenario=photo-upload&t=10s');
    const before = await runOf(page);
    const node = before.nodeIds[1];
    await page.locator(`g.place[data-id="${node}"] rect.card`).click();
    await page.locator('[data-testid=crash-node]').click();
    await waitForRun(page, before.runId);
    const edited = await runOf(page);
    expect(edited.document.faults).not.toEqual(before.document.faults);
    await expect.poll(() => page.url()).toContain('#run=');
    expect(page.url()).toContain('t=10s');
    await page.reload();
    await waitForRun(page);
    const reloaded = await runOf(page);
    expect(reloaded.document).toEqual(edited.document);
    expect(reloaded.report).toBe(edited.report);
    await expect.poll(() => clockUs(page)).toBe(10_000_000);
    await page.goBack();
    await waitForRun(page, reloaded.runId);
    expect((await runOf(page)).report).toBe(before.report);
    expect(page.url()).not.toContain('#run=');
    await page.close();
  });

  it('a share link carries the playhead time; loading another scenario clears it from the address', async () => {
    const { page } = await open('?scenario=photo-upload');
    await seek(page, 4_500_000);
    await page.locator('[data-testid=tab-scenario]').click();
    await page.locator('[data-testid=share]').click();
    await expect.poll(() => page.url()).toMatch(/\?t=4\.5s#run=/);
    const shared = page.url();
    const other = await open(shared.slice(env.site.url.length));
    await expect.poll(() => clockUs(other.page)).toBe(4_500_000);
    expect((await runOf(other.page)).report).toBe((await runOf(page)).report);
    expect(await other.page.locator('[data-testid=banner]').count()).toBe(0);
    await other.page.close();
    const id = (await runOf(page)).runId;
    await page.locator('[data-testid=builtin-select]').selectOption('split-brain.yaml');
    await waitForRun(page, id);
    await expect.poll(() => page.url()).toMatch(/\?scenario=split-brain$/);
    await page.close();
  });

  it('an old-format share link opens with a notice saying so; a corrupted one says it is damaged', async () => {
    const doc = await (async () => {
      const { page } = await open('?scenario=photo-upload');
      const d = (await runOf(page)).document;
      await page.close();
      return d;
    })();
    const v1 = '#run=' + compressToEncodedURIComponent(JSON.stringify({ v: 1, fileName: 'photo-upload.yaml', document: { ...doc, seed: 99 } }));
    const old = await open(v1);
    expect((await runOf(old.page)).document.seed).toBe(99);
    await expect(old.page.locator('[data-testid=banner]').textContent()).resolves.toMatch(/older repsim \(link format 1/);
    await old.page.close();
    const bad = await open('#run=' + 'N4Ig' + 'x'.repeat(40));
    await expect(bad.page.locator('[data-testid=banner]').textContent()).resolves.toMatch(/damaged/);
    expect((await runOf(bad.page)).fileName).toBe('photo-upload.yaml');
    await bad.page.close();
  });

  it('the jump box reads a bare number as milliseconds, as scenario files do, and says when a time is past the end', async () => {
    const { page } = await open('?scenario=photo-upload');
    const box = page.getByLabel('Jump to time (e.g. 12.5s, 300ms)');
    await box.fill('8');
    await box.press('Enter');
    await expect.poll(() => clockUs(page)).toBe(8_000);
    await expect(page.locator('[data-testid=jump-note]').textContent()).resolves.toMatch(/Read as 8 ms: a number without a unit is milliseconds/);
    await box.fill('99s');
    await box.press('Enter');
    const endUs = await page.evaluate(() => window.__repsim!.run()!.timeline.endUs);
    await expect.poll(() => clockUs(page)).toBe(endUs);
    await expect(page.locator('[data-testid=jump-note]').textContent()).resolves.toMatch(/99 s is past the end of this 60 s run: went to the end/);
    await box.fill('soon');
    await box.press('Enter');
    await expect(page.locator('[data-testid=jump-note]').textContent()).resolves.toMatch(/"soon" is not a time/);
    await page.close();
  });
});
