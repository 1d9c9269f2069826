/**
 * Goes through every lesson of the course as a learner would, in headless Chromium, at the
 * lesson's own speed: at each caption it takes a screenshot and presses Continue; at each
 * question it screenshots the question, answers with the first choice (or 0), screenshots the
 * outcome and continues; at the end of the run it takes a last screenshot. It prints, per
 * stop, the simulated time and the wall time since the lesson opened, so pacing can be judged.
 * A script, not a test: look at the pictures.
 *
 * Run: node --import tsx scripts/lesson-walkthrough.ts [OUT_DIR] [lesson-file …]
 *   OUT_DIR defaults to a new directory under the system temp dir.
 *   --readme also writes the README's pictures of three lessons to docs/lessons/ (the card
 *   with its first caption, the first question, its outcome).
 */
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { courseLessons } from '../src/scenario/course.ts';
import { parseCourse } from '../src/scenario/course-file.ts';
import { launch, ROOT, startDev, waitForRun } from '../test/e2e/harness.ts';

const args = process.argv.slice(2);
const readme = args.includes('--readme');
const positional = args.filter((a) => !a.startsWith('--'));
const outDir = positional[0] && !positional[0].endsWith('.yaml') ? positional.shift()! : mkdtempSync(join(tmpdir(), 'repsim-walkthrough-'));
mkdirSync(outDir, { recursive: true });
const only = new Set(positional);
const lessons = courseLessons(parseCourse(readFileSync(join(ROOT, 'scenarios', 'course.yaml'), 'utf8'), 'course.yaml'))
  .filter((l) => only.size === 0 || only.has(l.file));
const MAX_WALL_MS = 240_000;
const README_LESSONS = ['first-write', 'first-stale-read', 'async-failover-loses-writes'];
if (readme) mkdirSync(join(ROOT, 'docs', 'lessons'), { recursive: true });

const site = await startDev();
const browser = await launch();
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  for (const lesson of lessons) {
    const slug = lesson.file.replace(/\.yaml$/, '');
    await page.goto(`${site.url}?lesson=${slug}`);
    await waitForRun(page);
    const started = Date.now();
    const shot = async (what: string) => {
      const t = await page.evaluate(() => window.__repsim!.playhead.tUs);
      const file = join(outDir, `${String(lesson.index + 1).padStart(2, '0')}-${slug}-${String(Math.round(t / 1000)).padStart(6, '0')}ms-${what}.png`);
      await page.screenshot({ path: file });
      console.log(`  ${(t / 1e6).toFixed(3).padStart(8)} s sim  ${((Date.now() - started) / 1000).toFixed(1).padStart(6)} s wall  ${what}`);
      return file;
    };
    console.log(`${lesson.index + 1}. ${lesson.title ?? slug} (${lesson.file})`);
    await page.waitForTimeout(300);
    // The README's pictures: the first of each kind, as JPEG to keep the repository small.
    const taken = new Set<string>();
    const forReadme = async (kind: string) => {
      if (!readme || !README_LESSONS.includes(slug) || taken.has(kind)) return;
      taken.add(kind);
      await page.screenshot({ path: join(ROOT, 'docs', 'lessons', `${slug}-${kind}.jpg`), type: 'jpeg', quality: 80 });
    };
    await shot('card');
    let end = false;
    while (!end && Date.now() - started < MAX_WALL_MS) {
      // After the lesson's last stop a learner has seen its point: jump to the end of the run.
      const rest = await page.evaluate(() => {
        const run = window.__repsim!.run() as unknown as { lesson?: { captions: { tUs: number }[]; quiz: { tUs: number }[] }; timeline: { durationUs: number } };
        const t = window.__repsim!.playhead.tUs;
        const stops = [...(run.lesson?.captions ?? []), ...(run.lesson?.quiz ?? [])].filter((x) => x.tUs > t);
        return { stops: stops.length, durationUs: run.timeline.durationUs };
      });
      if (rest.stops === 0 && !(await page.locator('[data-testid=quiz], [data-testid=caption-stop]').count())) {
        await page.waitForTimeout(3000);
        await page.evaluate((d) => window.__repsim!.playhead.seek(d), rest.durationUs);
      }
      const state = await page.waitForFunction(() => {
        if (document.querySelector('[data-testid=quiz]')) return 'quiz';
        if (document.querySelector('[data-testid=caption-stop]')) return 'caption';
        // Between a reload and the first run there is no handle yet.
        if (!window.__repsim) return false;
        const ph = window.__repsim.playhead;
        const run = window.__repsim.run();
        if (run && ph.tUs >= run.timeline.durationUs) return 'end';
        if (!ph.playing) return 'paused';
        return false;
      }, undefined, { timeout: MAX_WALL_MS, polling: 100 }).then((h) => h.jsonValue() as Promise<string>);
      if (state === 'end') {
        await shot('end');
        end = true;
      } else if (state === 'caption') {
        await shot('caption');
        await forReadme('card');
        await page.locator('[data-testid=continue]').click();
      } else if (state === 'quiz') {
        await shot('question');
        await forReadme('question');
        const choice = page.locator('[data-testid=quiz-choice]').first();
        if (await choice.count()) await choice.click();
        else {
          await page.locator('[data-testid=quiz-number]').fill('0');
          await page.locator('[data-testid=quiz-number]').press('Enter');
        }
        await page.locator('[data-testid=quiz-outcome]').waitFor();
        await shot('outcome');
        await forReadme('outcome');
        await page.locator('[data-testid=quiz-continue]').click();
      } else {
        // Paused with no stop on screen yet: a stop may be about to show; if none does, a
        // learner would press play.
        await page.waitForTimeout(600);
        if (await page.locator('[data-testid=quiz], [data-testid=caption-stop]').count()) continue;
        await shot('paused');
        await page.evaluate(() => window.__repsim!.playhead.play());
      }
    }
    if (!end) console.log(`  (stopped after ${MAX_WALL_MS / 1000} s of wall time)`);
  }
  console.log(`screenshots in ${outDir}`);
} finally {
  await browser.close();
  await site.close();
}
