import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { hasChromium, headlessReport, openVisualizer, seek, waitForRun } from './harness.ts';
import type { Session } from './harness.ts';
import { numericMetrics } from '../../src/metrics/named-metrics.ts';

interface Row {
  metric: string;
  a: string;
  b: string;
  diff: string;
}

/** Every row of the side-by-side Summary, with the exact values it carries. */
async function rows(page: Page): Promise<Row[]> {
  return page.locator('[data-testid=compare-summary] tr[data-metric]').evaluateAll((els) =>
    els.map((e) => ({ metric: e.getAttribute('data-metric')!, a: e.getAttribute('data-a')!, b: e.getAttribute('data-b')!, diff: e.getAttribute('data-diff')! })));
}

/** Waits until side B is loaded and not running, and the Summary has its rows. */
async function settledB(page: Page): Promise<void> {
  await page.locator('[data-testid=compare-side-B] .busy').waitFor({ state: 'detached', timeout: 120_000 });
  await page.locator('[data-testid=compare-count]').waitFor({ timeout: 120_000 });
}

// Issue 15 item 1: two setups side by side on one seed and one playhead.
describe.skipIf(!hasChromium)('Compare: two setups side by side', () => {
  let session: Session;
  let page: Page;

  beforeAll(async () => {
    session = await openVisualizer({ width: 1280, height: 720 });
    page = session.page;
    await page.locator('[data-testid=open-compare]').click();
    await settledB(page);
  }, 180_000);

  afterAll(() => session?.close());

  it('two identical setups (B starts as a copy of A) differ by exactly zero in every metric, and both equal the CLI report', async () => {
    const shown = await rows(page);
    const cli = numericMetrics(headlessReport('photo-upload.yaml'));
    // The same metrics, in the same order, as `repsim compare` prints for this scenario.
    expect(shown.map((r) => r.metric)).toEqual(cli.map(([m]) => m));
    for (const [metric, value] of cli) {
      const row = shown.find((r) => r.metric === metric)!;
      expect({ metric, a: row.a, b: row.b, diff: row.diff }).toEqual({ metric, a: String(value), b: String(value), diff: value === null ? 'null' : '0' });
    }
    await expect.poll(() => page.locator('[data-testid=compare-count]').textContent()).toBe('no metric differs');
    expect(await page.locator('[data-testid=compare-meta-B]').textContent()).toBe(await page.locator('[data-testid=compare-meta-A]').textContent());
  });

  it('both cluster views follow one playhead', async () => {
    await seek(page, 12_345_678);
    // Each view writes its nodes' applied counts as of its playhead; the same run at the same time shows the same.
    const applied = (side: string) => page.locator(`[data-testid=compare-side-${side}] g.place.node`).allTextContents();
    await expect.poll(async () => JSON.stringify(await applied('B'))).toBe(JSON.stringify(await applied('A')));
    expect((await applied('A')).join(' ')).toMatch(/applied [1-9]/);
  });

  it('a what-if on side B changes side B only; one on side A changes side A only', async () => {
    const before = await rows(page);
    const runIdA = await page.evaluate(() => window.__repsim!.run()!.runId);
    const reportA = await page.evaluate(() => JSON.stringify(window.__repsim!.run()!.report));
    // Crash a replica of B at 20 s (the node ids come from the run: no name is assumed).
    const replica = await page.evaluate(() => window.__repsim!.run()!.timeline.nodeIds[1]);
    await seek(page, 20_000_000);
    await page.locator(`[data-testid=compare-side-B] g.place[data-id="${replica}"] rect.card`).click();
    await expect.poll(() => page.locator('[data-testid=compare-edit-B]').getAttribute('aria-checked')).toBe('true');
    await page.locator('[data-testid=compare] [data-testid=crash-node]').click();
    await settledB(page);
    await expect.poll(async () => (await rows(page)).some((r) => r.diff !== '0' && r.diff !== 'null'), { timeout: 60_000 }).toBe(true);
    const afterB = await rows(page);
    // A is untouched: the same run, the same report, the same column.
    expect(await page.evaluate(() => window.__repsim!.run()!.runId)).toBe(runIdA);
    expect(await page.evaluate(() => JSON.stringify(window.__repsim!.run()!.report))).toBe(reportA);
    expect(afterB.map((r) => r.a)).toEqual(before.map((r) => r.a));
    expect(afterB.some((r) => r.b !== r.a)).toBe(true);

    // Now edit A: crash the same replica there. B's column stays as it was.
    await page.locator('[data-testid=compare-edit-A]').click();
    await page.locator(`[data-testid=compare-side-A] g.place[data-id="${replica}"] rect.card`).click();
    await page.locator('[data-testid=compare] [data-testid=crash-node]').click();
    await waitForRun(page, runIdA);
    await expect.poll(async () => (await rows(page)).map((r) => r.a).join() !== before.map((r) => r.a).join(), { timeout: 60_000 }).toBe(true);
    const afterA = await rows(page);
    expect(afterA.map((r) => r.b)).toEqual(afterB.map((r) => r.b));
    // The same what-if on both sides, on one seed: the pair is identical again.
    expect(afterA.every((r) => r.diff === '0' || r.diff === 'null')).toBe(true);
  }, 240_000);

  it('B follows A onto a new seed, so the pair stays paired', async () => {
    const runIdA = await page.evaluate(() => window.__repsim!.run()!.runId);
    await page.locator('[data-testid=compare-edit-A]').click();
    const seedInput = page.locator('[data-testid=compare] .knobs label', { hasText: /^seed/ }).locator('input');
    await seedInput.fill('8');
    await page.locator('[data-testid=compare] [data-testid=rerun]').click();
    await waitForRun(page, runIdA);
    await expect.poll(() => page.locator('[data-testid=compare-meta-B]').textContent(), { timeout: 120_000 }).toMatch(/^seed 8 · /);
    await settledB(page);
    expect(await page.locator('[data-testid=compare-meta-A]').textContent()).toMatch(/^seed 8 · /);
    // Both sides carry the same crash, on the same new seed: identical again.
    await expect.poll(async () => (await rows(page)).every((r) => r.diff === '0' || r.diff === 'null'), { timeout: 60_000 }).toBe(true);
  }, 240_000);

  it('logged no console errors or warnings', () => {
    expect(session.problems).toEqual([]);
  });
});
