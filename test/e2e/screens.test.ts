import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/scenario/index.ts';
import { setReplicaCount } from '../../src/ui/scenarios/edit.ts';
import type { Doc } from '../../src/ui/scenarios/edit.ts';
import { devSiteAndBrowser, hasChromium, ROOT, waitForRun } from './harness.ts';

// Issue 14, item 2: no sideways scroll from 768 px up, light and dark, with 3 and 12 replicas;
// no two node cards overlap on screen; at 2560 px the charts scale up with the layout.
const lz = createRequire(import.meta.url)('lz-string') as { compressToEncodedURIComponent: (s: string) => string };
const photo = parseScenario(readFileSync(join(ROOT, 'scenarios', 'photo-upload.yaml'), 'utf8'), 'photo-upload.yaml').document as Doc;
const linkFor = (replicas: number) => '#run=' + lz.compressToEncodedURIComponent(JSON.stringify({ v: 2, fileName: 'photo-upload.yaml', document: setReplicaCount(photo, replicas) }));

describe.skipIf(!hasChromium)('screen sizes (dev server)', () => {
  const env = devSiteAndBrowser();

  for (const scheme of ['light', 'dark'] as const) {
    for (const replicas of [3, 12]) {
      it(`${scheme}, ${replicas} replicas: no horizontal scroll at 768, 1024, 1280, 1920 and 2560 px; cards and read verdicts never overlap`, async () => {
        const page = await env.browser.newPage({ viewport: { width: 768, height: 1024 }, colorScheme: scheme });
        await page.goto(`${env.site.url}?t=5s${linkFor(replicas)}`);
        await waitForRun(page);
        for (const [w, h] of [[768, 1024], [1024, 768], [1280, 720], [1920, 1080], [2560, 1440]]) {
          await page.setViewportSize({ width: w, height: h });
          await page.waitForTimeout(300);
          expect(await page.evaluate(() => document.documentElement.scrollWidth), `scroll width at ${w}×${h}`).toBeLessThanOrEqual(w);
          const boxes = await page.locator('g.place.node rect.card').evaluateAll((els) => els.map((e) => e.getBoundingClientRect()).map((r) => ({ x0: r.left, x1: r.right, y0: r.top, y1: r.bottom })));
          expect(boxes.length).toBe(replicas + 1);
          for (let i = 0; i < boxes.length; i++) {
            for (let j = i + 1; j < boxes.length; j++) {
              const [a, b] = [boxes[i], boxes[j]];
              expect(a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1, `cards ${i} and ${j} overlap at ${w}×${h}`).toBe(false);
            }
          }
          // A read's ✓ / ✗ disc sits at its own card's left edge, never on the neighbouring card
          // (its settled size: the pop after a serve is larger for a moment).
          const discs = await page.locator('g.place.node').evaluateAll((gs) => gs.map((g) => {
            const c = g.querySelector('g.flash circle')!;
            const r = c.getBoundingClientRect();
            const settled = (g.querySelector('g.flash')!.classList.contains('small') ? 9 : 12) / Number(c.getAttribute('r'));
            const cx = (r.left + r.right) / 2;
            return { id: g.getAttribute('data-id'), x0: cx - (r.width / 2) * settled, x1: cx + (r.width / 2) * settled, y: (r.top + r.bottom) / 2 };
          }));
          const cards = await page.locator('g.place.node').evaluateAll((gs) => gs.map((g) => ({ id: g.getAttribute('data-id'), r: g.querySelector('rect.card')!.getBoundingClientRect().toJSON() as DOMRect })));
          for (const d of discs) {
            for (const c of cards.filter((c) => c.id !== d.id)) {
              const hit = d.x0 < c.r.right - 1 && c.r.left + 1 < d.x1 && d.y > c.r.top && d.y < c.r.bottom;
              expect(hit, `${d.id}'s read verdict covers ${c.id}'s card at ${w}×${h}`).toBe(false);
            }
          }
        }
        await page.close();
      });
    }
  }

  it('at 2560 px the charts and the space-time diagram fill their boxes and draw text and marks 1.35× larger, sharp at a pixel ratio of 2', async () => {
    const page = await env.browser.newPage({ viewport: { width: 1280, height: 720 }, deviceScaleFactor: 2 });
    await page.goto(`${env.site.url}?scenario=split-brain&t=15s`);
    await waitForRun(page);
    const measure = () => page.evaluate(() => {
      const charts = [...document.querySelectorAll<SVGSVGElement>('.chart-box svg')].map((svg) => {
        const box = svg.parentElement!.getBoundingClientRect();
        const drawn = svg.getBoundingClientRect();
        const tick = svg.querySelector('.tick text')!.getBoundingClientRect();
        return { boxW: box.width, boxH: box.height, drawnW: drawn.width, drawnH: drawn.height, viewBoxW: svg.viewBox.baseVal.width, tickH: tick.height };
      });
      const st = document.querySelector('[data-testid=spacetime]')!.getBoundingClientRect();
      const canvas = document.querySelector<HTMLCanvasElement>('[data-testid=spacetime] canvas')!;
      const axisTick = document.querySelector('[data-testid=spacetime] svg.axis .tick text')!.getBoundingClientRect();
      return { charts, spacetime: { boxW: st.width, cssW: canvas.getBoundingClientRect().width, pixelW: canvas.width, axisTickH: axisTick.height } };
    });
    const small = await measure();
    await page.setViewportSize({ width: 2560, height: 1440 });
    await expect.poll(async () => (await measure()).charts[0].boxW).toBeGreaterThan(small.charts[0].boxW);
    await page.waitForTimeout(300);
    const big = await measure();
    expect(big.charts.length).toBeGreaterThanOrEqual(3);
    big.charts.forEach((c, i) => {
      // Drawn at the box's size, whatever that is: no fixed pixel width.
      expect(Math.abs(c.drawnW - c.boxW), `chart ${i} width`).toBeLessThan(1);
      expect(Math.abs(c.drawnH - c.boxH), `chart ${i} height`).toBeLessThan(1);
      // Laid out in units of 1.35 px (the --view-scale of a 2560 px screen)...
      expect(c.viewBoxW).toBeCloseTo(c.boxW / 1.35, 0);
      // ...so its axis labels are 1.35× as tall as at 1280 px (a glyph box: allow 5%).
      expect(c.tickH / small.charts[i].tickH, `chart ${i} tick text`).toBeGreaterThan(1.35 * 0.95);
      expect(c.tickH / small.charts[i].tickH, `chart ${i} tick text`).toBeLessThan(1.35 * 1.05);
    });
    // The space-time canvas fills its box and has two device pixels per CSS pixel.
    expect(Math.abs(big.spacetime.cssW - big.spacetime.boxW)).toBeLessThan(1);
    expect(Math.abs(big.spacetime.pixelW - 2 * big.spacetime.boxW)).toBeLessThanOrEqual(1);
    expect(big.spacetime.axisTickH / small.spacetime.axisTickH).toBeGreaterThan(1.35 * 0.95);
    // Back to 1920 px: the charts follow the smaller box.
    await page.setViewportSize({ width: 1920, height: 1080 });
    await expect.poll(async () => (await measure()).charts[0].boxW).toBeLessThan(big.charts[0].boxW);
    await page.waitForTimeout(300);
    for (const c of (await measure()).charts) expect(Math.abs(c.drawnW - c.boxW)).toBeLessThan(1);
    await page.close();
  });

  it('split brain at 15 s: card lines stay inside their cards and no status sentence covers another card (1024, 1280, 1920 px)', async () => {
    const page = await env.browser.newPage({ viewport: { width: 1280, height: 720 } });
    await page.goto(`${env.site.url}?scenario=split-brain&t=15s`);
    await waitForRun(page);
    for (const [w, h] of [[1024, 768], [1280, 720], [1920, 1080]]) {
      await page.setViewportSize({ width: w, height: h });
      await page.waitForTimeout(300);
      const found = await page.evaluate(() => {
        const rect = (e: Element) => { const r = e.getBoundingClientRect(); return { x0: r.left, x1: r.right, y0: r.top, y1: r.bottom }; };
        const cards = [...document.querySelectorAll('g.place.node')].map((g) => ({ id: g.getAttribute('data-id'), card: rect(g.querySelector('rect.card')!), g }));
        const lines = cards.flatMap((c) => [...c.g.querySelectorAll('text.pos, text.lag')].filter((t) => t.textContent).map((t) => ({ id: c.id, text: t.textContent, r: rect(t), card: c.card })));
        const pills = cards.flatMap((c) => [...c.g.querySelectorAll('g.status-pill')].filter((p) => p.getAttribute('display') !== 'none').map((p) => ({ id: c.id, r: rect(p.querySelector('rect')!) })));
        return { cards: cards.map(({ id, card }) => ({ id, card })), lines, pills };
      });
      for (const l of found.lines) expect(l.r.x1, `${w}×${h}: "${l.text}" runs past ${l.id}'s card`).toBeLessThanOrEqual(l.card.x1 + 1);
      for (const p of found.pills) {
        for (const c of found.cards.filter((c) => c.id !== p.id)) {
          const hit = p.r.x0 < c.card.x1 && c.card.x0 < p.r.x1 && p.r.y0 < c.card.y1 && c.card.y0 < p.r.y1;
          expect(hit, `${w}×${h}: ${p.id}'s status sentence covers ${c.id}'s card`).toBe(false);
        }
      }
      expect(found.pills.length, `${w}×${h}: the deposed primary's sentence is shown`).toBeGreaterThanOrEqual(1);
    }
    await page.close();
  });
});
