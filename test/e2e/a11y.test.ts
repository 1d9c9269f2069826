import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { clockUs, closeCourse, hasChromium, openVisualizer, waitForRun } from './harness.ts';
import type { Session } from './harness.ts';

// Issue 14, item 3: keyboard use and axe-core on the main views (course, a scenario, help).
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }

/** axe-core's serious and critical violations on the page as it is, one line each. */
async function seriousViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: axeSource });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: unknown[] }> } }).axe;
    return (await axe.run(document, { resultTypes: ['violations'] })).violations;
  }) as AxeViolation[];
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} at ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
}

describe.skipIf(!hasChromium)('keyboard and accessibility (dev server)', () => {
  let session: Session;
  let page: Page;

  beforeAll(async () => {
    session = await openVisualizer({ width: 1280, height: 800 }, { keepCourse: true });
    page = session.page;
  });
  afterAll(() => session?.close());

  it('the course page has no serious or critical axe-core violations', async () => {
    await page.locator('[data-testid=course]').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('a scenario (with a stale read on screen) has none either', async () => {
    await closeCourse(page);
    await page.evaluate(() => {
      const ph = window.__repsim!.playhead;
      ph.seek(window.__repsim!.run()!.timeline.endUs / 2);
    });
    await page.waitForTimeout(300);
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('after choosing a scenario from the list, → steps and Space plays (the list gave focus back)', async () => {
    const before = await page.evaluate(() => window.__repsim!.run()!.runId);
    await page.locator('[data-testid=tab-scenario]').click();
    // As a click does, choosing puts focus on the list first.
    await page.locator('[data-testid=builtin-select]').focus();
    await page.locator('[data-testid=builtin-select]').selectOption('split-brain.yaml');
    const id = await waitForRun(page, before);
    expect(await page.evaluate(() => document.activeElement?.tagName)).not.toBe('SELECT');
    const t0 = await clockUs(page);
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => clockUs(page)).toBeGreaterThan(t0);
    expect(await page.evaluate(() => window.__repsim!.run()!.runId)).toBe(id);
    await page.keyboard.press('Space');
    await expect.poll(() => page.evaluate(() => window.__repsim!.playhead.playing)).toBe(true);
    await page.keyboard.press('Space');
    await expect.poll(() => page.evaluate(() => window.__repsim!.playhead.playing)).toBe(false);
  });

  it('the help dialog traps focus, explains every failover glyph, and passes axe-core', async () => {
    await page.keyboard.press('?');
    const help = page.locator('[data-testid=help]');
    await help.waitFor();
    for (let i = 0; i < 12; i++) {
      await page.keyboard.press(i % 3 === 2 ? 'Shift+Tab' : 'Tab');
      expect(await help.evaluate((el) => el.contains(document.activeElement))).toBe(true);
    }
    const glyphs = await page.locator('[data-testid=help-failover-glyphs] .marker-demo').allTextContents();
    const { STEP_GLYPH } = await import('../../src/ui/state/failover.ts');
    expect(glyphs).toEqual(expect.arrayContaining(Object.values(STEP_GLYPH)));
    // Each glyph one meaning: the failover glyphs are none of the read marks.
    for (const g of ['✓', '✗', '↶', '‖']) expect(Object.values(STEP_GLYPH)).not.toContain(g);
    expect(await seriousViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await help.waitFor({ state: 'detached' });
    expect(session.problems).toEqual([]);
  });
});
