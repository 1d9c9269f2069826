import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { clockUs, hasChromium, headlessReport, openBuiltin, openVisualizer, seek, waitForRun } from './harness.ts';
import type { Session } from './harness.ts';

// Failover in the visualizer (issue 4): who is primary in which term, what was lost, and
// promoting a replica by click.
describe.skipIf(!hasChromium)('failover in the visualizer (dev server)', () => {
  let session: Session;
  let page: Page;
  let problems: string[];

  const open = (fileName: string) => openBuiltin(page, fileName);

  beforeAll(async () => {
    session = await openVisualizer({ width: 1280, height: 800 });
    ({ page, problems } = session);
  });

  afterAll(() => session?.close());

  it('async failover: the promoted replica is primary in term 2, and the old primary’s acknowledged tail is marked lost', async () => {
    await open('async-failover-loses-writes.yaml');
    await seek(page, 10_300_000);
    // The replica with the newest log is promoted; which one, the headless report says.
    const promoted = headlessReport('async-failover-loses-writes.yaml').failovers[0].to;
    const r1 = page.locator(`g.place[data-id="${promoted}"]`);
    await expect.poll(() => r1.getAttribute('class')).toContain('primary');
    await expect(r1.locator('text.term').textContent()).resolves.toBe('term 2');
    await expect(r1.locator('text.role').textContent()).resolves.toBe('PRIMARY');
    const old = page.locator('g.place[data-id="db-1"]');
    await expect(old.locator('text.role').textContent()).resolves.toBe('DEPOSED PRIMARY');
    await expect(old.locator('text.term').textContent()).resolves.toBe('term 1 < 2');
    await expect(page.locator('[data-testid=mode-badge]').textContent()).resolves.toMatch(/async · term 2/);

    // The inspector's log strikes the lost entries through, and says they had been acknowledged.
    await old.locator('rect.card').click();
    const lostRows = page.locator('[data-testid=inspector] tr.lost');
    await expect.poll(() => lostRows.count()).toBeGreaterThan(0);
    // (A write whose acknowledgement was still on its way when the primary crashed is lost
    // but was never acknowledged, and may be the newest row: look at them all.)
    await expect(lostRows.allTextContents()).resolves.toEqual(expect.arrayContaining([expect.stringContaining('LOST (acked)')]));
    // The page shows what the engine decided: the same count as a headless run's report.
    const lost = headlessReport('async-failover-loses-writes.yaml').failovers[0].lostWrites;
    expect(lost).toBeGreaterThan(0);
    await expect(page.locator('[data-testid=node-lost]').textContent()).resolves.toMatch(new RegExp(`^\\d+ entries \\(LSN \\d+–\\d+\\), ${lost} acknowledged`));
    await expect(page.locator('[data-testid=kpi-lost] .value').textContent()).resolves.toBe(String(lost));

    // Marks: the lost writes and each failover step on the scrubber; the manager's caption; the timeline.
    await expect(page.locator('.scrubber .marker.lost').count()).resolves.toBeGreaterThan(0);
    const glyphs = await page.locator('.scrubber .marker.failover').evaluateAll((els) => els.map((e) => e.getAttribute('data-glyph')));
    expect(glyphs).toEqual(expect.arrayContaining(['◉', '★']));
    await expect(page.locator('[data-testid=failover-caption]').textContent()).resolves.toMatch(new RegExp(`promoted: ${promoted} is the primary \\(term 2\\)`));
    await expect(page.locator('[data-testid=episode-lost]').textContent()).resolves.toContain(`${lost} acknowledged writes lost`);

    // Before the promotion nothing was lost yet: the same rows read as plain log entries.
    await seek(page, 9_000_000);
    await expect.poll(() => lostRows.count()).toBe(0);
    expect(problems).toEqual([]);
  });

  it('promote by click re-simulates with the run before that moment unchanged and the replica as primary after', async () => {
    await open('photo-upload.yaml');
    const atUs = 15_000_000;
    await seek(page, atUs);
    const before = await page.evaluate(() => window.__repsim!.run()!.runId);
    await page.evaluate(() => {
      (window as unknown as { __before: unknown }).__before = window.__repsim!.records();
    });
    await page.locator('g.place[data-id="db-2"] rect.card').click();
    await page.locator('[data-testid=promote-node]').click();
    await waitForRun(page, before);
    const prefix = await page.evaluate((t) => {
      const old = (window as unknown as { __before: { t: number }[] }).__before.filter((r) => r.t < t);
      const now = window.__repsim!.records().filter((r) => r.t < t);
      return { same: old.length === now.length && old.every((r, i) => JSON.stringify(r) === JSON.stringify(now[i])), n: old.length };
    }, atUs);
    expect(prefix.n).toBeGreaterThan(1000);
    expect(prefix.same).toBe(true);
    expect(await clockUs(page)).toBe(atUs);
    const doc = await page.evaluate(() => window.__repsim!.run()!.document as { faults?: unknown[] });
    expect(doc.faults).toContainEqual({ at: `${atUs}us`, promote: 'db-2' });
    await seek(page, atUs + 1_000_000);
    const r1 = page.locator('g.place[data-id="db-2"]');
    await expect.poll(() => r1.getAttribute('class')).toContain('primary');
    await expect(r1.locator('text.term').textContent()).resolves.toBe('term 2');
    expect(problems).toEqual([]);
  });

  it('partition-off by click isolates the node from everything, and reconnect ends it', async () => {
    const atUs = 20_000_000;
    await seek(page, atUs);
    const before = await page.evaluate(() => window.__repsim!.run()!.runId);
    await page.locator('g.place[data-id="db-3"] rect.card').click();
    await page.locator('[data-testid=isolate-node]').click();
    const id = await waitForRun(page, before);
    await seek(page, atUs + 100_000);
    await expect.poll(() => page.locator('[data-testid=reconnect-node]').count()).toBe(1);
    const cut = await page.locator('g.link.cut').evaluateAll((els) => els.map((e) => e.getAttribute('data-link')));
    expect(cut.filter((k) => k?.split('|').includes('db-3')).length).toBeGreaterThanOrEqual(2);
    await page.locator('[data-testid=reconnect-node]').click();
    await waitForRun(page, id);
    const doc = await page.evaluate(() => window.__repsim!.run()!.document as { faults?: Record<string, unknown>[] });
    expect(doc.faults?.at(-1)).toMatchObject({ at: `${atUs}us`, until: `${atUs + 100_000}us` });
    expect(problems).toEqual([]);
  });
});
