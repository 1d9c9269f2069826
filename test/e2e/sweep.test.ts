import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { hasChromium, openVisualizer, ROOT } from './harness.ts';
import type { Session } from './harness.ts';
import { repsim, tempDir } from '../cli/repsim-process.ts';

const VARY = 'network.links.0.latency=1ms..41ms:3';
const SEEDS = 2;
const DURATION = '5s';
const METRICS = ['reads.staleFraction', 'writes.latencyMs.p99', 'reads.stale'];

interface CliPoint {
  values: Record<string, string | number>;
  metrics: Record<string, { n: number; mean: number | null; low: number | null; high: number | null }>;
}

async function fillSweep(page: Page, vary: string, seeds: number, duration: string): Promise<void> {
  await page.locator('[data-testid=sweep-vary-0]').fill(vary);
  await page.locator('[data-testid=sweep-vary-1]').fill('');
  await page.locator('[data-testid=sweep-seeds]').fill(String(seeds));
  await page.locator('[data-testid=sweep-duration]').fill(duration);
}

/** The table's rows for the chosen metric: exact mean and interval ends as the page holds them. */
async function tableRows(page: Page) {
  return page.locator('[data-testid=sweep-table] tr[data-point]').evaluateAll((els) =>
    els.map((e) => ({ point: Number(e.getAttribute('data-point')), mean: e.getAttribute('data-mean'), low: e.getAttribute('data-low'), high: e.getAttribute('data-high') })));
}

// Issue 15 item 3 (browser part): the sweep panel gives `repsim sweep`'s numbers.
describe.skipIf(!hasChromium)('Sweep panel', () => {
  let session: Session;
  let page: Page;
  const dir = tempDir();

  beforeAll(async () => {
    session = await openVisualizer({ width: 1280, height: 720 });
    page = session.page;
    await page.locator('[data-testid=open-sweep]').click();
  }, 180_000);

  afterAll(async () => {
    await session?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a small sweep (photo-upload 5 s, 3 latency points, 2 seeds) shows the same means and intervals as repsim sweep --json', async () => {
    await fillSweep(page, VARY, SEEDS, DURATION);
    await page.locator('[data-testid=sweep-run]').click();
    await page.locator('[data-testid=sweep-finished]').waitFor({ timeout: 120_000 });
    // The panel shows the same sweep as a command; run it (all three metrics, one thread) for the reference.
    const command = (await page.locator('[data-testid=sweep-cli]').textContent())!.replace(/ \\\n\s*/g, ' ');
    expect(command).toMatch(new RegExp(`^npx repsim sweep scenarios/photo-upload\\.yaml --vary ${VARY.replace(/\./g, '\\.')} --seeds ${SEEDS} --seed \\d+ --duration 5s --metrics reads\\.staleFraction$`));
    const args = command.replace(/^npx repsim /, '').replace('scenarios/', `${ROOT}/scenarios/`).replace(/--metrics \S+$/, `--metrics ${METRICS.join(',')}`).split(' ');
    const json = join(dir, 'sweep.json');
    const result = await repsim([...args, '--json', json, '--quiet', '--jobs', '1']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const cli = JSON.parse(readFileSync(json, 'utf8')) as { points: CliPoint[] };
    const finished = /^All 6 runs done in .+ on (\d+) workers?\.$/.exec((await page.locator('[data-testid=sweep-finished]').textContent()) ?? '');
    expect(finished).not.toBeNull();
    // With two cores or more, several workers share the runs and finish in either order (the CLI
    // ran them one by one, --jobs 1): the numbers must not care.
    const cores = await page.evaluate(() => navigator.hardwareConcurrency);
    expect(Number(finished![1])).toBe(Math.min(4, cores, 6));
    expect(cli.points.map((p) => p.values['network.links.0.latency'])).toEqual(['1ms', '21ms', '41ms']);
    for (const metric of METRICS) {
      await page.locator('[data-testid=sweep-metric]').selectOption(metric);
      await expect.poll(() => page.locator('[data-testid=sweep-table] thead').textContent()).toContain(metric);
      const shown = await tableRows(page);
      expect(shown.map((r) => r.point)).toEqual([0, 1, 2]);
      const want = cli.points.map((p, point) => ({ point, mean: String(p.metrics[metric].mean), low: String(p.metrics[metric].low), high: String(p.metrics[metric].high) }));
      expect(shown, metric).toEqual(want);
      // Every point is drawn: a mean dot, and an interval bar where there is one.
      expect(await page.locator('[data-testid=sweep-chart] circle').count()).toBe(3);
    }
    // The staleness grows with the far replica's latency: the chart is of something.
    const stale = cli.points.map((p) => p.metrics['reads.staleFraction'].mean!);
    expect(stale[2]).toBeGreaterThan(stale[0]);
  }, 180_000);

  it('refuses a bad spec naming it, with the accepted forms, and runs nothing', async () => {
    await fillSweep(page, 'network.links.0.latency=1ms..40s:3', 1, DURATION);
    await page.locator('[data-testid=sweep-run]').click();
    const message = await page.locator('[data-testid=sweep-error]').textContent();
    expect(message).toContain('network.links.0.latency=1ms..40s:3: both ends of a range need the same unit');
    expect(message).toContain('PATH=FROM..TO:N');
    expect(page.workers().length).toBe(1);
  });

  it('Cancel stops the sweep: no more runs finish, and its workers are gone', async () => {
    await fillSweep(page, 'network.links.0.latency=1ms..100ms:10', 5, '20s');
    await page.locator('[data-testid=sweep-run]').click();
    await expect.poll(() => page.locator('[data-testid=sweep-done]').getAttribute('data-done'), { timeout: 120_000 }).not.toBe('0');
    expect(page.workers().length).toBeGreaterThan(1);
    await page.locator('[data-testid=sweep-cancel]').click();
    const text = await page.locator('[data-testid=sweep-cancelled]').textContent();
    const m = /^Cancelled after (\d+) of 50 runs\.$/.exec(text ?? '');
    expect(m, text ?? '').not.toBeNull();
    await expect.poll(() => page.workers().length).toBe(1);
    // Nothing arrives afterwards: the count and the table stay as they were.
    const rowsThen = await tableRows(page);
    await page.waitForTimeout(2_000);
    expect(await page.locator('[data-testid=sweep-cancelled]').textContent()).toBe(text);
    expect(await tableRows(page)).toEqual(rowsThen);
    expect(Number(m![1])).toBeLessThan(50);
  }, 180_000);

  it('logged no console errors or warnings', () => {
    expect(session.problems).toEqual([]);
  });
});
