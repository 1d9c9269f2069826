import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/scenario/index.ts';
import { setReplicaCount } from '../../src/ui/scenarios/edit.ts';
import type { Doc } from '../../src/ui/scenarios/edit.ts';
import { devSiteAndBrowser, hasChromium, ROOT, waitForRun } from './harness.ts';

// Issue 14, item 2: no sideways scroll from 768 px up, light and dark, with 3 and 12 replicas;
// no two node cards overlap on screen.
const lz = createRequire(import.meta.url)('lz-string') as { compressToEncodedURIComponent: (s: string) => string };
const photo = parseScenario(readFileSync(join(ROOT, 'scenarios', 'photo-upload.yaml'), 'utf8'), 'photo-upload.yaml').document as Doc;
const linkFor = (replicas: number) => '#run=' + lz.compressToEncodedURIComponent(JSON.stringify({ v: 2, fileName: 'photo-upload.yaml', document: setReplicaCount(photo, replicas) }));

describe.skipIf(!hasChromium)('screen sizes (dev server)', () => {
  const env = devSiteAndBrowser();

  for (const scheme of ['light', 'dark'] as const) {
    for (const replicas of [3, 12]) {
      it(`${scheme}, ${replicas} replicas: no horizontal scroll at 768, 1024, 1280 and 1920 px; cards never overlap`, async () => {
        const page = await env.browser.newPage({ viewport: { width: 768, height: 1024 }, colorScheme: scheme });
        await page.goto(`${env.site.url}?t=5s${linkFor(replicas)}`);
        await waitForRun(page);
        for (const [w, h] of [[768, 1024], [1024, 768], [1280, 720], [1920, 1080]]) {
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
        }
        await page.close();
      });
    }
  }
});
