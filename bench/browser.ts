// Browser figures for `npm run bench` (issue 10, item 9): the built site in headless Chromium.
// Figures with their targets, printed for people; nothing here fails on a busy machine.
//   1. Loading a 5-minute run with 10 replicas at photo-upload's rates (the scenario is
//      photo-upload with ten replicas and a 5 m duration, passed as a share link): wall time
//      to the first frame, the longest main-thread task while loading (PerformanceObserver
//      'longtask'; target ≤ 200 ms), and the page's JS heap after a collection (CDP
//      Runtime.getHeapUsage; target < 100 MB), with the typed arrays the worker transferred
//      counted apart (they live outside the JS heap).
//   2. Playing photo-upload at 1×, 10× and 100×, and seeking: per-frame work (target ≤ 50 ms)
//      and seek redraw time (target < 100 ms) — the speed figures the browser tests used to assert.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { Page } from 'playwright-core';
import { hasChromium, launch, ROOT, startBuilt, waitForRun } from '../test/e2e/harness.ts';
import LZString from 'lz-string';
import { setReplicaCount } from '../src/ui/scenarios/edit.ts';
import type { Doc } from '../src/ui/scenarios/edit.ts';

const LONG_TASK_TARGET_MS = 200;
const HEAP_TARGET_MB = 100;
const FRAME_TARGET_MS = 50;
const SEEK_TARGET_MS = 100;

const mark = (ok: boolean) => (ok ? 'within target' : 'OVER TARGET');

/** photo-upload with ten replicas, five minutes long: the large run of issue 10. */
function largeRun(): Doc {
  let doc = parse(readFileSync(join(ROOT, 'scenarios', 'photo-upload.yaml'), 'utf8')) as Doc;
  doc = setReplicaCount(doc, 10);
  return { ...doc, name: 'Photo upload, 10 replicas, 5 minutes', duration: '5m' };
}

async function observeLongTasks(page: Page): Promise<void> {
  // tsx compiles functions handed to page.evaluate with esbuild's keepNames helper.
  await page.addInitScript('window.__name = (f) => f');
  await page.addInitScript(() => {
    const w = window as unknown as { __longtasks: { start: number; ms: number }[] };
    w.__longtasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__longtasks.push({ start: e.startTime, ms: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  });
}

async function heapUsedMb(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
  await cdp.detach();
  return usedSize / 2 ** 20;
}

async function loadFigures(url: string): Promise<string[]> {
  const browser = await launch();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    await observeLongTasks(page);
    // The page's share-link format (src/ui/scenarios/share.ts; lz-string is CommonJS in Node).
    const hash = `#run=${LZString.compressToEncodedURIComponent(JSON.stringify({ v: 1, fileName: 'photo-upload-10-replicas-5m.yaml', document: largeRun() }))}`;
    const t0 = Date.now();
    await page.goto(url + hash);
    await waitForRun(page);
    // The first frame after the run arrived: two animation frames later everything has drawn.
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    const loadMs = Date.now() - t0;
    await page.waitForTimeout(1000);
    const info = await page.evaluate(() => {
      const run = window.__repsim!.run()!;
      const tl = run.timeline;
      let typedBytes = 0;
      const seen = new Set<ArrayBufferLike>();
      const add = (a: ArrayBufferView) => {
        if (!seen.has(a.buffer)) typedBytes += a.buffer.byteLength;
        seen.add(a.buffer);
      };
      add(tl.trace.type); add(tl.trace.t); add(tl.trace.row);
      for (const tab of tl.trace.tables) { add(tab.rec); for (const f of tab.fields) add(f.data); }
      for (const a of [tl.msgs.sendUs, tl.msgs.deliverUs, tl.msgs.endUs, tl.msgs.rec, tl.msgs.drop, tl.reads.tUs, tl.reads.rec, tl.reads.group, tl.reads.flags]) add(a);
      for (const a of tl.readsByNode.values()) add(a);
      const tasks = (window as unknown as { __longtasks: { start: number; ms: number }[] }).__longtasks;
      const received = performance.getEntriesByName('repsim:run-received')[0]?.startTime ?? 0;
      return {
        records: tl.trace.count, nodes: tl.nodeIds.length, endUs: tl.endUs, workerMs: run.simulateMs, pageMs: run.indexMs,
        longestTaskMs: Math.max(0, ...tasks.map((t) => t.ms)), tasksOver50: tasks.length, typedMb: typedBytes / 2 ** 20,
        taskList: tasks.map((t) => `${t.ms.toFixed(0)} ms at ${(t.start - received).toFixed(0)} ms`).join(', '),
      };
    });
    const heapMb = await heapUsedMb(page);
    return [
      `large run: ${info.nodes - 1} replicas, ${(info.endUs / 60e6).toFixed(0)} min, ${info.records.toLocaleString('en')} trace records`,
      `  load (navigation to first frame): ${loadMs} ms, of which the worker simulated and indexed ${info.workerMs.toFixed(0)} ms; page-side setup ${info.pageMs.toFixed(0)} ms`,
      `  longest main-thread task while loading: ${info.longestTaskMs ? `${info.longestTaskMs.toFixed(0)} ms` : 'none ≥ 50 ms'} (${info.tasksOver50} tasks ≥ 50 ms, timed from the run's arrival on the page: ${info.taskList}; target ≤ ${LONG_TASK_TARGET_MS} ms: ${mark(info.longestTaskMs <= LONG_TASK_TARGET_MS)})`,
      `  JS heap used after a collection: ${heapMb.toFixed(1)} MB (target < ${HEAP_TARGET_MB} MB: ${mark(heapMb < HEAP_TARGET_MB)}); trace columns transferred as typed arrays: ${info.typedMb.toFixed(1)} MB outside the JS heap`,
    ];
  } finally {
    await browser.close();
  }
}

async function playFigures(url: string): Promise<string[]> {
  const browser = await launch();
  const out: string[] = [];
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    await page.addInitScript('window.__name = (f) => f');
    await page.goto(url);
    await waitForRun(page);
    for (const speed of [1, 10, 100]) {
      await page.evaluate((s) => {
        Object.assign(window.__repsim!.playhead.frameWork, { frames: 0, maxMs: 0, totalMs: 0 });
        const ph = window.__repsim!.playhead;
        ph.pause();
        ph.seek(0);
        ph.setSpeed(s);
        ph.play();
      }, speed);
      await page.waitForTimeout(3000);
      const f = await page.evaluate(() => {
        const ph = window.__repsim!.playhead;
        ph.pause();
        return { ...ph.frameWork };
      });
      const mean = f.frames ? f.totalMs / f.frames : 0;
      out.push(`playing photo-upload at ${speed}×: frame work max ${f.maxMs.toFixed(1)} ms, mean ${mean.toFixed(1)} ms over ${f.frames} frames (target ≤ ${FRAME_TARGET_MS} ms: ${mark(f.maxMs <= FRAME_TARGET_MS)})`);
    }
    const seekMax = await page.evaluate(() => {
      const ph = window.__repsim!.playhead;
      const end = window.__repsim!.run()!.timeline.endUs;
      let max = 0;
      let x = 12345;
      for (let i = 0; i < 40; i++) {
        x = (x * 48271) % 2147483647;
        const t0 = performance.now();
        ph.seek(Math.floor((x / 2147483647) * end));
        ph.frame();
        max = Math.max(max, performance.now() - t0);
      }
      return max;
    });
    out.push(`seek (40 random times in 60 s): max ${seekMax.toFixed(1)} ms to redraw (target < ${SEEK_TARGET_MS} ms: ${mark(seekMax < SEEK_TARGET_MS)})`);
    return out;
  } finally {
    await browser.close();
  }
}

async function main(): Promise<void> {
  if (!hasChromium) {
    console.log('browser figures: skipped (no Chromium at /usr/bin/chromium or $CHROMIUM_PATH)');
    return;
  }
  const outDir = mkdtempSync(join(tmpdir(), 'repsim-bench-site-'));
  const site = await startBuilt(outDir);
  try {
    console.log(`\nbrowser figures (built site, headless Chromium; load average ${loadavg().map((x) => x.toFixed(1)).join(' ')} on ${cpus().length} CPUs)`);
    for (const line of await loadFigures(site.url)) console.log(`  ${line}`);
    for (const line of await playFigures(site.url)) console.log(`  ${line}`);
  } finally {
    await site.close();
    rmSync(outDir, { recursive: true, force: true });
  }
}

await main();
