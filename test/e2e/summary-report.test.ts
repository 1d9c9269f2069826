import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { hasChromium, headlessReport, openBuiltin, openVisualizer, ROOT, seek } from './harness.ts';
import type { Session } from './harness.ts';
import { reportValue } from '../../src/ui/report/paths.ts';
import { formatMs, pct } from '../../src/ui/format.ts';

// course.yaml lists the lessons; it is not a scenario the page opens.
const SCENARIOS = readdirSync(join(ROOT, 'scenarios')).filter((f) => /\.ya?ml$/.test(f) && f !== 'course.yaml').sort();

interface Shown {
  metric: string;
  value: string;
  text: string;
}

/** Every Summary figure that names its report path, once the panel shows time `tUs`. */
async function summaryFigures(page: Page, tUs: number): Promise<Shown[]> {
  // The panel redraws on a 250 ms tick: wait until it says it is as of the playhead.
  const asOf = `as of ${formatMs(tUs / 1000)}`;
  await expect.poll(() => page.locator('[data-testid=summary] .as-of').textContent()).toBe(asOf);
  return page.locator('[data-testid=summary] [data-metric]').evaluateAll((els) =>
    els.map((e) => ({ metric: e.getAttribute('data-metric')!, value: e.getAttribute('data-value')!, text: e.textContent ?? '' })));
}

/** How the panel writes a report value (so the test checks the text a person reads, too). */
function formatted(metric: string, v: number): string {
  if (metric.endsWith('staleFraction')) return pct(v);
  if (/latencyMs|lagMs|lagSeries/.test(metric)) return formatMs(v);
  return String(v);
}

// Issue 10: the page is a view of the trace and the report; at the end of every built-in
// scenario each Summary figure equals the CLI report's value for the same scenario and seed.
describe.skipIf(!hasChromium)('Summary figures against the CLI report, every built-in scenario', () => {
  let session: Session;
  let page: Page;

  beforeAll(async () => {
    session = await openVisualizer({ width: 1280, height: 800 });
    page = session.page;
  });

  afterAll(() => session?.close());

  it.each(SCENARIOS)('%s: at the end every figure is the report\'s; at the first stale read (and RYW violation) the cluster and Summary agree', async (file) => {
    await openBuiltin(page, file);
    const report = headlessReport(file);
    const endUs = await page.evaluate(() => window.__repsim!.run()!.timeline.endUs);
    await seek(page, endUs);
    const shown = await summaryFigures(page, endUs);
    const metrics = shown.map((s) => s.metric);
    for (const m of ['writes.acknowledged', 'reads.total', 'reads.stale', 'reads.staleFraction', 'reads.rywViolations',
      'reads.monotonicViolations', 'writes.lostAcknowledged', 'writes.latencyMs.p99', 'writes.latencyMs.p50']) {
      expect(metrics, `${file}: Summary shows ${m}`).toContain(m);
    }
    for (const id of Object.keys(report.replication.lagMs)) expect(metrics).toContain(`replication.lagMs.${id}.max`);
    for (const s of shown) {
      const want = reportValue(report, s.metric);
      expect(typeof want, `${file}: ${s.metric} is a report number`).toBe('number');
      expect({ metric: s.metric, value: Number(s.value), text: s.text }).toEqual({ metric: s.metric, value: want, text: formatted(s.metric, want as number) });
    }

    // The same for read-your-writes violations: at the first one's reply, the counts under the
    // replicas' cards add up to the Summary's.
    if (report.reads.rywViolations > 0) {
      const firstRyw = await page.evaluate(() => window.__repsim!.reads().find((r) => r.rywViolation)!.tUs);
      await seek(page, firstRyw);
      const atRyw = await summaryFigures(page, firstRyw);
      const summaryRyw = Number(atRyw.find((s) => s.metric === 'reads.rywViolations')!.value);
      const cards = await page.locator('g.place.node g.viol text.ryw').allTextContents();
      const clusterRyw = cards.reduce((sum, text) => sum + Number(text.split(': ')[1] ?? 0), 0);
      expect(summaryRyw).toBeGreaterThan(0);
      expect(clusterRyw).toBe(summaryRyw);
    }

    // One definition of when a read counts (its reply, read.done): where the first stale read
    // is marked, the cluster flashes it and the Summary has counted it.
    // (The first phantom read is a 'stale' marker too: a read that went bad, drawn alike.)
    const marker = await page.evaluate(() => window.__repsim!.run()!.timeline.markers.find((m) => m.kind === 'stale' && m.label.startsWith('First stale read'))?.tUs ?? null);
    if (marker === null) {
      expect(report.reads.stale, `${file}: no stale-read marker, so no stale reads`).toBe(0);
      return;
    }
    await seek(page, marker);
    const atMarker = await summaryFigures(page, marker);
    const summaryStale = Number(atMarker.find((s) => s.metric === 'reads.stale')!.value);
    const clusterStale = await page.locator('g.place g.flash[data-verdict=stale]').count();
    expect(summaryStale).toBeGreaterThan(0);
    expect(clusterStale).toBe(summaryStale);
  });
});
