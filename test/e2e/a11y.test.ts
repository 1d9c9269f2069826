import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { clockUs, closeCourse, hasChromium, openVisualizer, waitForRun } from './harness.ts';
import type { Session } from './harness.ts';

// Issue 14, item 3: keyboard use and axe-core on the main views (course, a scenario, help,
// export), and messages in flight reachable by keyboard.
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

  it('messages in flight are one Tab stop after the nodes; arrows move between them, named from their trace records; Enter inspects', async () => {
    type MsgRec = { t: number; type: 'msg'; id: number; kind: string; from: string; to: string; deliverAt: number; op?: number; lsn?: number };
    // From the trace alone: each message's send, arrival (or drop) and, for log entries, the write committed at its LSN.
    const { msgs, drops, commits } = await page.evaluate(() => {
      const recs = window.__repsim!.records();
      return {
        msgs: recs.filter((r) => r.type === 'msg'),
        drops: recs.filter((r) => r.type === 'msg.drop').map((r) => [r.id, r.t]),
        commits: recs.filter((r) => r.type === 'write.commit').map((r) => [r.lsn, r.t, r.op]),
      };
    }) as { msgs: MsgRec[]; drops: [number, number][]; commits: [number, number, number][] };
    const dropAt = new Map(drops);
    const endOf = (m: MsgRec) => dropAt.get(m.id) ?? m.deliverAt;
    const inFlight = (t: number) => msgs.filter((m) => m.t <= t && endOf(m) > t).sort((a, b) => a.t - b.t || a.id - b.id);
    // A moment with a log entry and at least three messages in flight.
    const at = msgs.find((m) => m.kind === 'log' && inFlight(m.t + 1).length >= 3)!.t + 1;
    const expected = inFlight(at);
    const clock = (us: number) => `${(us / 1e6).toFixed(6)} s`;
    const nameOf = (m: MsgRec) => {
      const write = m.kind === 'log' ? commits.filter(([lsn, t]) => lsn === m.lsn && t <= m.t).at(-1)?.[2] : undefined;
      return { write, parts: [`${m.from} → ${m.to}`, `sent ${clock(m.t)}`, dropAt.has(m.id) ? `dropped ${clock(endOf(m))}` : `arrives ${clock(m.deliverAt)}`] };
    };
    await page.evaluate((t) => { window.__repsim!.playhead.pause(); window.__repsim!.playhead.seek(t); }, at);
    // Until focus comes in, only the Tab stop's message has a focus target (a busy run has thousands in flight).
    await expect.poll(() => page.locator('.msg-key').count()).toBe(1);

    // Tab from the last node card: the next stop is the message layer (one message holds it).
    await page.locator('g.place .hit[tabindex="0"]').last().focus();
    await page.keyboard.press('Tab');
    expect(await page.locator('.msg-key').count()).toBe(expected.length);
    const focused = () => page.evaluate(() => {
      const el = document.activeElement as SVGElement | null;
      return { msg: el?.dataset.msg === undefined ? null : Number(el.dataset.msg), label: el?.getAttribute('aria-label') ?? '', role: el?.getAttribute('role') };
    });
    let f = await focused();
    expect(f.msg).toBe(expected[0].id);
    expect(f.role).toBe('button');
    for (const part of nameOf(expected[0]).parts) expect(f.label).toContain(part);
    // Arrow keys move between messages in send order and do not step time.
    for (let i = 1; i < expected.length; i++) {
      await page.keyboard.press(i % 2 ? 'ArrowRight' : 'ArrowDown');
      f = await focused();
      expect(f.msg).toBe(expected[i].id);
      const { write, parts } = nameOf(expected[i]);
      for (const part of parts) expect(f.label).toContain(part);
      if (expected[i].kind === 'log') expect(f.label).toContain(`log entry LSN ${expected[i].lsn}${write !== undefined ? ` of write #${write}` : ''}`);
      if (expected[i].kind === 'write') expect(f.label).toContain(`write #${expected[i].op}`);
    }
    await page.keyboard.press('ArrowRight');
    expect((await focused()).msg).toBe(expected.at(-1)!.id);
    await page.keyboard.press('Home');
    expect((await focused()).msg).toBe(expected[0].id);
    await page.keyboard.press('End');
    expect((await focused()).msg).toBe(expected.at(-1)!.id);
    await page.keyboard.press('ArrowLeft');
    expect((await focused()).msg).toBe(expected.at(-2)!.id);
    expect(await clockUs(page)).toBe(at);
    // Exactly one Tab stop: the others are reachable by arrows only.
    expect(await page.locator('.msg-key[tabindex="0"]').count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);

    // Enter inspects it, as a click does.
    const chosen = expected.at(-2)!;
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('[data-testid=inspector]').textContent()).toContain(`message #${chosen.id}`);
    expect(await seriousViolations(page)).toEqual([]);

    // When the focused message arrives, focus moves on to a message still in flight (or the layer), not to the page.
    await page.locator(`.msg-key[data-msg="${chosen.id}"]`).focus();
    await page.evaluate((t) => window.__repsim!.playhead.seek(t), endOf(chosen));
    await expect.poll(async () => {
      const el = await page.evaluate(() => ({ inLayer: !!document.activeElement?.closest('[data-testid=message-keys]'), msg: (document.activeElement as SVGElement | null)?.dataset.msg }));
      return el.inLayer && el.msg !== String(chosen.id);
    }).toBe(true);
    // Focus leaving the messages: the next redraw keeps only the Tab stop's target.
    await page.locator('[data-testid=open-export]').focus();
    await page.evaluate(() => window.__repsim!.playhead.refresh());
    expect(await page.locator('.msg-key').count()).toBe(1);
    expect(session.problems).toEqual([]);
  });

  it('the export dialog (with its video range) passes axe-core and traps focus', async () => {
    await page.locator('[data-testid=open-export]').click();
    const dialog = page.locator('[data-testid=export-dialog]');
    await dialog.waitFor();
    await page.locator('[data-testid=video-from]').focus();
    for (let i = 0; i < 20; i++) {
      await page.keyboard.press('Tab');
      expect(await dialog.evaluate((el) => el.contains(document.activeElement))).toBe(true);
    }
    expect(await seriousViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(session.problems).toEqual([]);
  });
});
