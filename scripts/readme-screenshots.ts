/**
 * The README's screenshots (docs/screenshot.png at 1280×720, docs/screenshot-1920.png at
 * 1920×1080): photo-upload at its first stale read, with the node that served it open in the
 * inspector. A script, not a test: tests write only to temp dirs.
 * Run: npm run screenshots
 */
import { join } from 'node:path';
import { launch, ROOT, seek, startDev, waitForRun } from '../test/e2e/harness.ts';

const site = await startDev();
const browser = await launch();
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  // The address names the scenario, so the page opens on it rather than on the course.
  await page.goto(`${site.url}?scenario=photo-upload`);
  await waitForRun(page);
  for (const [w, h, name] of [[1280, 720, 'screenshot.png'], [1920, 1080, 'screenshot-1920.png']] as const) {
    await page.setViewportSize({ width: w, height: h });
    await page.evaluate(() => window.__repsim!.playhead.setSpeed(0.05));
    const stale = await page.evaluate(() => window.__repsim!.run()!.timeline.markers.find((m) => m.kind === 'stale')?.tUs ?? 3_000_000);
    await seek(page, stale);
    const node = await (await page.waitForFunction(() => document.querySelector('g.flash[data-verdict=stale]')?.closest('g.place')?.getAttribute('data-id'))).jsonValue();
    await page.locator(`g.place[data-id="${node}"] rect.card`).click();
    await page.waitForTimeout(400);
    await page.screenshot({ path: join(ROOT, 'docs', name) });
    console.log(`docs/${name}`);
  }
} finally {
  await browser.close();
  await site.close();
}
