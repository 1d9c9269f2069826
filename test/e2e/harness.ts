import { afterAll, beforeAll } from 'vitest';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer as createNetServer } from 'node:net';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import { build, createServer, preview } from 'vite';
import { parseScenario } from '../../src/scenario/index.ts';
import { simulate } from '../../src/metrics/simulate.ts';

export const ROOT = resolve(import.meta.dirname, '../..');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);

export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createNetServer();
    srv.once('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => res(port));
    });
  });
}

export interface Site {
  url: string;
  close: () => Promise<void>;
}

/** The dev server, as `npm start` runs it. */
export async function startDev(): Promise<Site> {
  const port = await freePort();
  const server = await createServer({
    root: ROOT,
    configFile: join(ROOT, 'vite.config.ts'),
    logLevel: 'error',
    server: { host: '127.0.0.1', port, strictPort: true, open: false },
  });
  await server.listen();
  return { url: `http://127.0.0.1:${port}/`, close: () => server.close() };
}

/** `vite build` into outDir, then `vite preview` of it: the static site users deploy. */
export async function startBuilt(outDir: string): Promise<Site> {
  // Vitest sets NODE_ENV=test, which would make Vite bundle React's development build.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ root: ROOT, configFile: join(ROOT, 'vite.config.ts'), mode: 'production', logLevel: 'error', build: { outDir, emptyOutDir: true } });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
  const port = await freePort();
  const server = await preview({
    root: ROOT,
    configFile: join(ROOT, 'vite.config.ts'),
    logLevel: 'error',
    build: { outDir },
    preview: { host: '127.0.0.1', port, strictPort: true, open: false },
  });
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise<void>((res) => server.httpServer.close(() => res())),
  };
}

/**
 * Gzip size of the code the built site ships: HTML, CSS, the page's JS and the engine worker.
 * Built-in scenario files are separate chunks of data, fetched one at a time when opened;
 * they are reported apart (`scenarios`).
 */
export function bundleGzipBytes(outDir: string, options: { scenarios?: boolean } = {}): { total: number; scenarios: number; files: { name: string; gzip: number }[] } {
  const files: { name: string; gzip: number }[] = [];
  const walk = (dir: string) => {
    for (const f of readdirSync(dir)) {
      const p = join(dir, f);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.(js|css|html)$/.test(f)) files.push({ name: p.slice(outDir.length + 1), gzip: gzipSync(readFileSync(p)).length });
    }
  };
  walk(outDir);
  const scenarioNames = new Set(readdirSync(join(ROOT, 'scenarios')).map((f) => f.replace(/\.ya?ml$/, '')));
  const isScenario = (name: string) => scenarioNames.has(name.replace(/^assets\//, '').replace(/-[\w-]{8}\.js$/, ''));
  const code = files.filter((f) => !isScenario(f.name));
  const data = files.filter((f) => isScenario(f.name));
  return { total: code.reduce((a, f) => a + f.gzip, 0), scenarios: data.reduce((a, f) => a + f.gzip, 0), files: options.scenarios ? data : code };
}

/** Console errors and warnings, and uncaught exceptions, collected for one page. */
export function watchConsole(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  return problems;
}

/** Waits until a run is loaded; returns its id. */
export async function waitForRun(page: Page, afterRunId = 0): Promise<number> {
  await page.waitForFunction((after) => (window.__repsim?.run()?.runId ?? 0) > after, afterRunId, { timeout: 60_000 });
  return page.evaluate(() => window.__repsim!.run()!.runId);
}

export async function clockUs(page: Page): Promise<number> {
  return page.evaluate(() => window.__repsim!.playhead.tUs);
}

export async function seek(page: Page, tUs: number): Promise<void> {
  await page.evaluate((t) => {
    window.__repsim!.playhead.pause();
    window.__repsim!.playhead.seek(t);
  }, tUs);
}

/** Everything a browser test on the dev server starts from: a page showing the first run. */
export interface Session {
  site: Site;
  browser: Browser;
  page: Page;
  /** Console errors, warnings and uncaught exceptions on `page`. */
  problems: string[];
  runId: number;
  close: () => Promise<void>;
}

export async function openVisualizer(viewport = { width: 1280, height: 720 }, opts: { keepCourse?: boolean } = {}): Promise<Session> {
  const site = await startDev();
  const browser = await launch();
  const page = await browser.newPage({ viewport });
  const problems = watchConsole(page);
  await page.goto(site.url);
  const runId = await waitForRun(page);
  if (!opts.keepCourse) await closeCourse(page);
  return { site, browser, page, problems, runId, close: async () => { await browser.close(); await site.close(); } };
}

/** The page opens on the course (an overlay over the default scenario); tests of the panels close it. */
export async function closeCourse(page: Page): Promise<void> {
  const course = page.locator('[data-testid=course]');
  await course.waitFor({ timeout: 10_000 });
  await course.getByRole('button', { name: /Close the course/ }).click();
  await course.waitFor({ state: 'detached' });
}

/** Opens a built-in scenario (by file name) from the Scenario tab; returns the new run's id. */
export async function openBuiltin(page: Page, fileName: string): Promise<number> {
  const before = await page.evaluate(() => window.__repsim?.run()?.runId ?? 0);
  await page.locator('[data-testid=tab-scenario]').click();
  await page.locator('[data-testid=builtin-select]').selectOption(fileName);
  return waitForRun(page, before);
}

/** The report of a built-in scenario run headlessly in Node, as `repsim run` computes it. */
export function headlessReport(fileName: string) {
  const text = readFileSync(join(ROOT, 'scenarios', fileName), 'utf8');
  return simulate(parseScenario(text, fileName).config);
}

/**
 * For a describe block: a dev server and a browser, started before its tests and closed after.
 * Read `env.site` and `env.browser` inside the tests (they exist once beforeAll has run).
 */
export function devSiteAndBrowser(): { site: Site; browser: Browser } {
  const env = {} as { site: Site; browser: Browser };
  beforeAll(async () => {
    env.site = await startDev();
    env.browser = await launch();
  });
  afterAll(async () => {
    await env.browser?.close();
    await env.site?.close();
  });
  return env;
}
