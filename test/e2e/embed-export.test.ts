import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { clockUs, devSiteAndBrowser, hasChromium, headlessReport, seek, waitForRun, watchConsole } from './harness.ts';

// Issue 14, items 3 and 4: the presenter view, the embeddable player and its snippet, and
// every export producing a non-empty file of the right type, named after scenario and seed
// (the video export: a WebM file of a time range).
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

  it('a time range as WebM video: stepped by simulated time, named after scenario, seed and range; the playhead goes back', async () => {
    const page = await env.browser.newPage({ viewport: { width: 1280, height: 720 }, acceptDownloads: true });
    const problems = watchConsole(page);
    await page.goto(`${env.site.url}?scenario=photo-upload&seed=3&t=2s`);
    await waitForRun(page);
    await expect.poll(() => clockUs(page)).toBe(2_000_000);
    await page.locator('[data-testid=open-export]').click();
    // The range defaults to the whole run; "the space-time window" takes what the diagram shows around the playhead.
    expect(await page.locator('[data-testid=video-from]').inputValue()).toBe('0s');
    expect(await page.locator('[data-testid=video-to]').inputValue()).toBe(`${(await page.evaluate(() => window.__repsim!.run()!.timeline.endUs)) / 1e6}s`);
    const windowUs = Number(await page.locator('[data-testid=spacetime]').getAttribute('data-window-us'));
    expect(windowUs).toBeGreaterThan(0);
    await page.locator('[data-testid=video-window]').click();
    expect(await page.locator('[data-testid=video-from]').inputValue()).toBe(`${(2_000_000 - 0.8 * windowUs) / 1e6}s`);
    expect(await page.locator('[data-testid=video-to]').inputValue()).toBe(`${(2_000_000 + 0.2 * windowUs) / 1e6}s`);
    await page.locator('[data-testid=video-from]').fill('4s');
    await page.locator('[data-testid=video-to]').fill('4.5s');
    await page.locator('[data-testid=video-speed]').fill('0.5');
    // 0.5 simulated s at 0.5× is 1 s of video: frames at 4 s + k × (0.5 s / 30), k = 0…29, and 4.5 s itself.
    await expect.poll(() => page.locator('[data-testid=video-export] .hint').textContent()).toMatch(/^31 frames, 1\.0 s of video at 30 frames\/s/);
    // The page plays the range: record each simulated time the playhead visits while recording.
    await page.evaluate(() => {
      const seen: number[] = [];
      (window as unknown as { seenUs: number[] }).seenUs = seen;
      window.__repsim!.playhead.subscribe(() => seen.push(window.__repsim!.playhead.tUs));
    });
    const [dl] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.locator('[data-testid=export-webm]').click()]);
    expect(dl.suggestedFilename()).toBe('photo-upload-seed3-t4s-t4.5s.webm');
    const webm = readFileSync(await dl.path());
    // Every WebM file is an EBML document: it starts with the EBML header's id, 1A 45 DF A3.
    expect(webm.subarray(0, 4).toString('hex')).toBe('1a45dfa3');
    expect(webm.includes(Buffer.from('webm'))).toBe(true);
    expect(webm.length).toBeGreaterThan(2_000);
    // The browser plays it back as 31 frames of 1/30 s. The recorder is paused while a frame
    // is drawn and timer overshoot is made up by the next frame, so only the last frame's
    // overshoot (one timer on a busy machine: allow 0.25 s) can lengthen it.
    const played = await page.evaluate(async (b64) => {
      const v = document.createElement('video');
      v.muted = true;
      v.src = `data:video/webm;base64,${b64}`;
      await new Promise((r, j) => { v.onloadeddata = r; v.onerror = () => j(new Error('the browser cannot play the file')); });
      // A recorded WebM has no duration in its header; seeking past the end makes the browser find it.
      v.currentTime = 1e6;
      await new Promise((r) => { v.onseeked = r; });
      return { durationS: v.duration, width: v.videoWidth, height: v.videoHeight };
    }, webm.toString('base64'));
    expect(played.durationS).toBeGreaterThanOrEqual(30 / 30);
    expect(played.durationS).toBeLessThanOrEqual(31 / 30 + 0.25);
    // A small cluster view is drawn at least 1280 px wide, in the view's proportions.
    const box = await page.locator('[data-testid=cluster-view]').boundingBox();
    expect(played.width).toBeGreaterThanOrEqual(1280);
    expect(Math.abs(played.width / played.height - box!.width / box!.height)).toBeLessThan(0.02);
    const seen = await page.evaluate(() => (window as unknown as { seenUs: number[] }).seenUs);
    const expected = Array.from({ length: 30 }, (_, k) => Math.round(4_000_000 + (k * 500_000) / 30)).concat(4_500_000);
    // The frames, in order (redraws for other reasons repeat a time), then back to 2 s.
    expect([...new Set(seen)]).toEqual([...expected, 2_000_000]);
    await expect.poll(() => clockUs(page)).toBe(2_000_000);
    expect(await page.locator('[data-testid=export-dialog] .note').textContent()).toBe('Saved the video photo-upload-seed3-t4s-t4.5s.webm.');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('a video recording shows its progress and Cancel stops it without a file', async () => {
    const page = await env.browser.newPage({ viewport: { width: 1280, height: 720 }, acceptDownloads: true });
    const problems = watchConsole(page);
    await page.goto(`${env.site.url}?scenario=photo-upload&t=1s`);
    await waitForRun(page);
    await page.locator('[data-testid=open-export]').click();
    await page.locator('[data-testid=video-from]').fill('0s');
    await page.locator('[data-testid=video-to]').fill('10s');
    await page.locator('[data-testid=video-speed]').fill('0.1');
    let downloads = 0;
    page.on('download', () => downloads++);
    await page.locator('[data-testid=export-webm]').click();
    const bar = page.locator('[data-testid=video-progress]');
    await expect.poll(() => bar.evaluate((el: HTMLProgressElement) => el.value), { timeout: 30_000 }).toBeGreaterThan(2);
    expect(await bar.evaluate((el: HTMLProgressElement) => el.max)).toBe(3001);
    await page.locator('[data-testid=video-cancel]').click();
    await bar.waitFor({ state: 'detached' });
    expect(await page.locator('[data-testid=export-dialog] .note').textContent()).toBe('Video cancelled; nothing was saved.');
    expect(await clockUs(page)).toBe(1_000_000);
    await page.waitForTimeout(300);
    expect(downloads).toBe(0);
    expect(problems).toEqual([]);
    await page.close();
  });
});
