import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { parseScenario, ScenarioError } from '../../src/scenario/index.ts';
import { clockUs, hasChromium, headlessReport, openVisualizer, ROOT, seek, waitForRun, watchConsole } from './harness.ts';
import type { Session, Site } from './harness.ts';

// The visualizer on the dev server (`npm start`), driven like a learner would drive it.
describe.skipIf(!hasChromium)('visualizer (dev server)', () => {
  let session: Session;
  let site: Site;
  let browser: Browser;
  let page: Page;
  let problems: string[];

  beforeAll(async () => {
    session = await openVisualizer();
    ({ site, browser, page, problems } = session);
  });

  afterAll(() => session?.close());

  it('loads photo-upload with the cluster, space-time diagram, charts and summary', async () => {
    await expect(page.locator('[data-testid=run-meta]').textContent()).resolves.toContain('Photo upload');
    expect(await page.locator('g.place.node').count()).toBeGreaterThanOrEqual(3);
    expect(await page.locator('g.place.group').count()).toBeGreaterThanOrEqual(1);
    for (const id of ['spacetime', 'charts', 'summary']) await expect(page.locator(`[data-testid=${id}]`).isVisible()).resolves.toBe(true);
    expect(problems).toEqual([]);
  });

  // DESIGN.md: the same scenario and seed give the same run in Node and in the browser. The
  // worker's report (every count, percentile, lag integral and series) must equal Node's.
  it('computes in the browser the very report Node computes for the same scenario and seed', async () => {
    const browserReport = await page.evaluate(() => window.__repsim!.run()!.report);
    const nodeReport = headlessReport('photo-upload.yaml');
    expect(browserReport.events).toBeGreaterThan(100_000);
    expect({ ...browserReport, expectations: [] }).toEqual({ ...nodeReport, expectations: [] });
  });

  it('play advances simulated time and space pauses it', async () => {
    await seek(page, 0);
    await page.locator('[data-testid=play]').click();
    await page.waitForTimeout(600);
    const t1 = await clockUs(page);
    expect(t1).toBeGreaterThan(0);
    await page.locator('body').press('Space');
    const paused = await clockUs(page);
    await page.waitForTimeout(300);
    expect(await clockUs(page)).toBe(paused);
    expect(await page.evaluate(() => window.__repsim!.playhead.playing)).toBe(false);
  });

  it('→ and ← step to the next and previous event', async () => {
    await seek(page, 1_000_000);
    await page.locator('body').press('ArrowRight');
    const next = await clockUs(page);
    expect(next).toBeGreaterThan(1_000_000);
    const times = await page.evaluate(() => Array.from(window.__repsim!.run()!.timeline.timesUs.slice(0, 50_000)));
    expect(times).toContain(next);
    expect(times.some((t) => t > 1_000_000 && t < next)).toBe(false);
    await page.locator('body').press('ArrowRight');
    await page.locator('body').press('ArrowLeft');
    expect(await clockUs(page)).toBe(next);
  });

  it('+ and − change the speed on a log scale', async () => {
    const before = await page.evaluate(() => window.__repsim!.playhead.speed);
    await page.locator('body').press('+');
    expect(await page.evaluate(() => window.__repsim!.playhead.speed)).toBeCloseTo(before * 2);
    await page.locator('body').press('-');
    expect(await page.evaluate(() => window.__repsim!.playhead.speed)).toBeCloseTo(before);
  });

  it('the scrubber seeks, and the clock follows it', async () => {
    const box = (await page.locator('.scrubber input[type=range]').boundingBox())!;
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    const t = await clockUs(page);
    const end = await page.evaluate(() => window.__repsim!.run()!.timeline.endUs);
    expect(Math.abs(t - end / 2)).toBeLessThan(end * 0.03);
    await expect(page.locator('[data-testid=clock]').textContent()).resolves.toContain((t / 1e6).toFixed(6));
  });

  it('jumps to a typed time', async () => {
    await page.getByLabel('Jump to time (e.g. 12.5s, 300ms)').fill('12.5s');
    await page.keyboard.press('Enter');
    expect(await clockUs(page)).toBe(12_500_000);
  });

  it('shows a stale read at the replica that served it, by icon', async () => {
    await page.locator('.scrubber .marker.stale').first().click();
    const flash = page.locator('g.flash[data-verdict=stale]');
    await expect(flash.count()).resolves.toBeGreaterThan(0);
    await expect(flash.first().locator('text.glyph').textContent()).resolves.toBe('✗');
    const node = await flash.first().evaluate((el) => el.closest('g.place')!.getAttribute('data-id'));
    await page.locator(`g.place[data-id="${node}"] rect.card`).click();
    await expect(page.locator('[data-testid=inspector]').textContent()).resolves.toContain('✗ stale');
  });

  it('clicking an arrow in the space-time diagram inspects that message', async () => {
    // A log entry on its way to the far replica, half-way across its 40 ms trip.
    const target = await page.evaluate(() => {
      const tl = window.__repsim!.run()!.timeline;
      const m = window.__repsim!.msgs().find((x) => x.kind === 'log' && x.to === 'db-eu' && x.sendUs > 5_000_000)!;
      return { id: m.id, sendUs: m.sendUs, deliverUs: m.deliverUs, lanes: [...tl.agents, tl.groups[0], ...tl.nodeIds, ...tl.groups.slice(1)] };
    });
    const t = Math.round((target.sendUs + target.deliverUs) / 2);
    await seek(page, t);
    await page.locator('.spacetime-panel select').selectOption(String(100_000));
    const box = (await page.locator('[data-testid=spacetime] canvas').boundingBox())!;
    // Same geometry as SpaceTime.tsx: 92 px of lane labels, 24 px right of the window, playhead at 80% of a 100 ms window.
    const x = (us: number) => 92 + ((us - (t - 80_000)) / 100_000) * (box.width - 24 - 92);
    const laneH = (box.height - 12) / target.lanes.length;
    const y = (id: string) => 12 + laneH * (target.lanes.indexOf(id) + 0.5);
    const midUs = (target.sendUs + t) / 2;
    const f = (midUs - target.sendUs) / (target.deliverUs - target.sendUs);
    await page.mouse.click(box.x + x(midUs), box.y + y('db-1') + (y('db-eu') - y('db-1')) * f);
    await expect(page.locator('[data-testid=inspector]').textContent()).resolves.toContain(`message #${target.id}`);
    await page.locator('.spacetime-panel select').selectOption('auto');
  });

  it('shows a bad scenario file’s errors inline, with the CLI’s message', async () => {
    const bad = 'name: broken\nnodes:\n  - { id: primary, role: primary }\n  - { id: replica-1, role: replika }\nworkload: []\n';
    let cli = '';
    try {
      parseScenario(bad, 'broken.yaml');
    } catch (e) {
      cli = (e as ScenarioError).message;
    }
    expect(cli).not.toBe('');
    await page.locator('[data-testid=tab-scenario]').click();
    await page.locator('[data-testid=file-input]').setInputFiles({ name: 'broken.yaml', mimeType: 'application/yaml', buffer: Buffer.from(bad) });
    const err = page.locator('[data-testid=scenario-error]');
    await err.waitFor({ timeout: 20_000 });
    expect(await err.locator('pre').textContent()).toBe(cli);
    // The previous run is still there to look at.
    expect(await page.locator('g.place.node').count()).toBeGreaterThanOrEqual(3);
  });

  it('a JSON file dropped on the page is validated the same way', async () => {
    const bad = '{ "nodes": [ { "id": "primary", "role": "primary" } ], "duration": "ten seconds" }';
    let cli = '';
    try {
      parseScenario(bad, 'dropped.json');
    } catch (e) {
      cli = (e as ScenarioError).message;
    }
    const dt = await page.evaluateHandle((text) => {
      const d = new DataTransfer();
      d.items.add(new File([text], 'dropped.json', { type: 'application/json' }));
      return d;
    }, bad);
    await page.dispatchEvent('.app', 'dragover', { dataTransfer: dt });
    await page.dispatchEvent('.app', 'drop', { dataTransfer: dt });
    const err = page.locator('[data-testid=scenario-error] pre');
    await expect.poll(() => err.textContent(), { timeout: 20_000 }).toBe(cli);
  });

  it('a share link reproduces the same run', async () => {
    await page.locator('[data-testid=tab-scenario]').click();
    await page.locator('[data-testid=builtin-select]').selectOption('photo-upload.yaml');
    const id = await waitForRun(page, await page.evaluate(() => window.__repsim!.run()!.runId));
    expect(id).toBeGreaterThan(0);
    await page.locator('[data-testid=share]').click();
    const url = page.url();
    expect(url).toContain('#run=');
    const reportA = await page.evaluate(() => JSON.stringify(window.__repsim!.run()!.report));
    await seek(page, 40_000_000);
    await page.waitForTimeout(400);
    const summaryA = await page.locator('[data-testid=summary] .kpis').textContent();
    const other = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    const otherProblems = watchConsole(other);
    await other.goto(url);
    await waitForRun(other);
    await seek(other, 40_000_000);
    await other.waitForTimeout(400);
    expect(await other.evaluate(() => JSON.stringify(window.__repsim!.run()!.report))).toBe(reportA);
    expect(await other.locator('[data-testid=summary] .kpis').textContent()).toBe(summaryA);
    expect(otherProblems).toEqual([]);
    await other.close();
  });

  it('a damaged share link shows a clear message and the default scenario', async () => {
    const other = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    await other.goto(`${site.url}#run=this-is-not-a-run`);
    await waitForRun(other);
    await expect(other.locator('[data-testid=banner]').textContent()).resolves.toMatch(/damaged|not a repsim run/);
    await other.close();
  });

  it('crashing a node by click re-simulates with the run before that moment unchanged', async () => {
    const crashUs = 10_000_000;
    await seek(page, crashUs);
    const before = await page.evaluate(() => window.__repsim!.run()!.runId);
    await page.evaluate(() => {
      (window as unknown as { __before: unknown }).__before = window.__repsim!.records();
    });
    await page.locator('g.place[data-id="db-2"] rect.card').click();
    await page.locator('[data-testid=crash-node]').click();
    await waitForRun(page, before);
    const prefix = await page.evaluate((t) => {
      const old = (window as unknown as { __before: { t: number }[] }).__before.filter((r) => r.t < t);
      const now = window.__repsim!.records().filter((r) => r.t < t);
      const same = old.length === now.length && old.every((r, i) => JSON.stringify(r) === JSON.stringify(now[i]));
      return { same, old: old.length, now: now.length };
    }, crashUs);
    expect(prefix.old).toBeGreaterThan(1000);
    expect(prefix).toEqual({ same: true, old: prefix.old, now: prefix.old });
    expect(await clockUs(page)).toBe(crashUs);
    await seek(page, crashUs + 1_000);
    await expect(page.locator('g.place[data-id="db-2"]').getAttribute('class')).resolves.toContain('down');
    const doc = await page.evaluate(() => window.__repsim!.run()!.document as { faults?: unknown[] });
    expect(doc.faults).toContainEqual({ at: `${crashUs}us`, crash: 'db-2' });
  });

  it('cuts a link by click at the current time, and the picture shows it cut', async () => {
    const cutUs = 20_000_000;
    await seek(page, cutUs);
    const before = await page.evaluate(() => window.__repsim!.run()!.runId);
    // Links are keyboard-reachable: focus one and press Enter to inspect it.
    await page.locator('g.link[data-link="db-1|db-3"]').focus();
    await page.keyboard.press('Enter');
    await page.locator('[data-testid=cut-link]').click();
    await waitForRun(page, before);
    await seek(page, cutUs + 1);
    await expect(page.locator('g.link.cut').count()).resolves.toBe(1);
    const doc = await page.evaluate(() => window.__repsim!.run()!.document as { faults?: unknown[] });
    expect(doc.faults).toContainEqual({ at: `${cutUs}us`, partition: [['db-1'], ['db-3']] });
  });

  it('exports the scenario as YAML', async () => {
    await page.locator('[data-testid=tab-scenario]').click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid=export]').click()]);
    const path = await download.path();
    const text = readFileSync(path, 'utf8');
    expect(text).toContain('name: Photo upload');
    expect(text).toContain('crash: db-2');
  });

  it('opens the help overlay with ? and closes it with Escape', async () => {
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.locator('body').press('?');
    await expect(page.locator('[data-testid=help]').textContent()).resolves.toContain('master');
    await page.keyboard.press('Escape');
    expect(await page.locator('[data-testid=help]').count()).toBe(0);
  });

  it('logged no console errors or warnings along the way', () => {
    expect(problems).toEqual([]);
  });

  it('every button and input has an accessible name', async () => {
    const unnamed = await page.evaluate(() =>
      [...document.querySelectorAll('button, input, select')]
        .filter((el) => !(el as HTMLElement).hidden && !el.getAttribute('aria-label') && !(el as HTMLElement).innerText?.trim() && !el.closest('label') && !(el as HTMLInputElement).placeholder)
        .map((el) => el.outerHTML.slice(0, 80)),
    );
    expect(unnamed).toEqual([]);
  });
});

// Keeps the default scenario file honest for the tests above.
it.skipIf(!hasChromium)('photo-upload.yaml exists (the default scenario)', () => {
  expect(readFileSync(join(ROOT, 'scenarios/photo-upload.yaml'), 'utf8')).toContain('name:');
});
