/**
 * Screenshots of the failover scenarios (issue 4) at the moment of each one's lesson, into
 * docs/screenshots/<scenario>.png. Run: node --import tsx scripts/failover-screenshots.ts [name…]
 */
import { join } from 'node:path';
import { launch, ROOT, seek, startDev, waitForRun } from '../test/e2e/harness.ts';

interface Shot {
  scenario: string;
  atUs: number;
  /** Node to open in the inspector. */
  inspect?: string;
  /** Space-time window (µs), when the lesson spans more than the automatic one. */
  windowUs?: number;
}

export const SHOTS: Shot[] = [
  { scenario: 'semi-sync-timeout', atUs: 11_500_000, inspect: 'primary' },
  { scenario: 'async-failover-loses-writes', atUs: 10_050_000, inspect: 'primary', windowUs: 10_000_000 },
  { scenario: 'split-brain', atUs: 15_000_000, inspect: 'primary' },
  { scenario: 'split-brain-fenced', atUs: 15_000_000, inspect: 'primary' },
  { scenario: 'semi-sync-lossless', atUs: 10_050_000, inspect: 'primary', windowUs: 10_000_000 },
  { scenario: 'failover-refused-max-lag', atUs: 14_000_000, inspect: 'replica-1' },
];

const only = process.argv.slice(2);
const site = await startDev();
const browser = await launch();
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.on('pageerror', (e) => console.error('pageerror', e.message));
  await page.goto(site.url);
  let runId = await waitForRun(page);
  for (const s of SHOTS.filter((x) => only.length === 0 || only.some((o) => x.scenario.includes(o)))) {
    await page.getByRole('tab', { name: 'Scenario' }).click();
    await page.locator('[data-testid=builtin-select]').selectOption(`${s.scenario}.yaml`);
    runId = await waitForRun(page, runId);
    await page.getByLabel('Space-time window width').selectOption(s.windowUs ? String(s.windowUs) : 'auto');
    await seek(page, s.atUs);
    if (s.inspect) await page.locator(`g.place.node[data-id="${s.inspect}"]`).click();
    await page.waitForTimeout(400);
    const path = join(ROOT, 'docs', 'screenshots', `${s.scenario}.png`);
    await page.screenshot({ path });
    console.log('wrote', path);
  }
} finally {
  await browser.close();
  await site.close();
}
