import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { courseLessons } from '../../src/scenario/course.ts';
import { parseCourse } from '../../src/scenario/course-file.ts';
import { parseScenario } from '../../src/scenario/index.ts';
import { clockUs, hasChromium, openVisualizer, ROOT, seek, waitForRun } from './harness.ts';
import type { Session } from './harness.ts';

// Lesson mode (issue 13): the course page, pacing with caption stops, questions that block
// playback, lesson markers, and ?lesson=NAME&t=… links.
const courseText = readFileSync(join(ROOT, 'scenarios', 'course.yaml'), 'utf8');
const lessons = courseLessons(parseCourse(courseText, 'course.yaml'));
const nameOf = (file: string) => parseScenario(readFileSync(join(ROOT, 'scenarios', file), 'utf8'), file).config.name;

type LessonRun = { fileName: string; lesson: { captions: { tUs: number; text: string }[]; quiz: { tUs: number; answer: string | number }[]; markers: unknown[] } };
const currentRun = (page: Page) => page.evaluate(() => window.__repsim!.run() as unknown as LessonRun);

describe.skipIf(!hasChromium)('lesson mode (dev server)', () => {
  let session: Session;
  let page: Page;

  beforeAll(async () => {
    session = await openVisualizer({ width: 1280, height: 800 }, { keepCourse: true });
    page = session.page;
  });

  afterAll(() => session?.close());

  it('opens on the course, listing every lesson in course order with its scenario’s title', async () => {
    const items = page.locator('[data-testid=course] li[data-file]');
    await expect.poll(() => items.count()).toBe(lessons.length);
    const files = await items.evaluateAll((els) => els.map((e) => e.getAttribute('data-file')));
    expect(files).toEqual(lessons.map((l) => l.file));
    const titles = await page.locator('[data-testid=course] li[data-file] .title').allTextContents();
    expect(titles).toEqual(lessons.map((l) => l.title ?? nameOf(l.file)));
    const marks = await page.locator('[data-testid=lesson-progress]').allTextContents();
    expect(new Set(marks)).toEqual(new Set(['○']));
  });

  it('a lesson autoplays at its speed and stops at each caption until Continue; a question blocks playback until answered', async () => {
    const before = await page.evaluate(() => window.__repsim!.run()!.runId);
    await page.locator('[data-testid=course] li[data-file="first-write.yaml"] button').click();
    await waitForRun(page, before);
    const run = await currentRun(page);
    expect(run.fileName).toBe('first-write.yaml');
    await expect(page.locator('[data-testid=lesson-card] .description strong').first().textContent()).resolves.toBe('What you will see.');
    // First stop: the caption at 0 s, with playback paused there until Continue.
    const caption = page.locator('[data-testid=caption-stop]');
    await expect(caption.locator('p').textContent()).resolves.toBe(run.lesson.captions[0].text);
    await page.waitForTimeout(400);
    expect(await page.evaluate(() => window.__repsim!.playhead.playing)).toBe(false);
    expect(await clockUs(page)).toBe(run.lesson.captions[0].tUs);
    expect(await page.evaluate(() => window.__repsim!.playhead.speed)).toBe(0.1);

    // Enter continues; the question at 0 s stops it again, and neither Space nor play gets past it.
    await page.keyboard.press('Enter');
    const quiz = page.locator('[data-testid=quiz]');
    await expect(quiz.locator('h2').textContent()).resolves.toMatch(/Which node saves the write first/);
    await page.keyboard.press('Space');
    await page.evaluate(() => window.__repsim!.playhead.play());
    await page.waitForTimeout(400);
    expect(await clockUs(page)).toBe(run.lesson.quiz[0].tUs);
    expect(await page.evaluate(() => window.__repsim!.playhead.playing)).toBe(false);
    await expect(quiz.locator('[data-testid=quiz-outcome]').count()).resolves.toBe(0);

    // A wrong guess: the outcome says so, with the run's answer and the explanation.
    await quiz.locator('[data-testid=quiz-choice]', { hasText: 'db-2' }).click();
    const outcome = quiz.locator('[data-testid=quiz-outcome]');
    await expect(outcome.getAttribute('data-right')).resolves.toBe('false');
    await expect(outcome.locator('[data-testid=quiz-answer]').textContent()).resolves.toBe(String(run.lesson.quiz[0].answer));
    await expect(outcome.textContent()).resolves.toMatch(/Only the primary accepts writes/);

    // Continue plays on by itself to the next caption (the first commit) and stops there.
    await outcome.locator('[data-testid=quiz-continue]').click();
    await expect(quiz.count()).resolves.toBe(0);
    await expect.poll(() => caption.locator('p').textContent(), { timeout: 20_000 }).toBe(run.lesson.captions[1].text);
    expect(await clockUs(page)).toBe(run.lesson.captions[1].tUs);
    expect(run.lesson.captions[1].tUs).toBeGreaterThan(0);

    // The course keeps the answer: one of three answered, none right.
    await page.locator('[data-testid=open-course]').click();
    const row = page.locator('[data-testid=course] li[data-file="first-write.yaml"]');
    await expect(row.locator('.progress-text').textContent()).resolves.toBe('1/3 answered, 0 right');
    await page.keyboard.press('Escape');
    await expect(page.locator('[data-testid=course]').count()).resolves.toBe(0);
  });

  it('[ and ] jump to the next and previous caption', async () => {
    await seek(page, 0);
    await page.keyboard.press(']');
    const run = await currentRun(page);
    const next = run.lesson.captions.find((c) => c.tUs > 0)!;
    expect(await clockUs(page)).toBe(next.tUs);
    await page.keyboard.press('[');
    expect(await clockUs(page)).toBe(0);
  });

  it('?lesson=NAME&t=… opens that lesson at that time, with its own markers and no losses shown ahead of the playhead', async () => {
    await page.goto(`${session.site.url}?lesson=async-failover-loses-writes&t=9s`);
    await waitForRun(page);
    await page.evaluate(() => window.__repsim!.playhead.pause());
    const run = await currentRun(page);
    expect(run.fileName).toBe('async-failover-loses-writes.yaml');
    expect(await clockUs(page)).toBeGreaterThanOrEqual(9_000_000);
    expect(await clockUs(page)).toBeLessThan(9_500_000);
    await expect(page.locator('[data-testid=course]').count()).resolves.toBe(0);
    await expect(page.locator('[data-testid=lesson-card]').count()).resolves.toBe(1);
    await expect(page.locator('.scrubber .marker.lesson').count()).resolves.toBe(run.lesson.markers.length);
    await expect(page.locator('.scrubber .marker.caption').count()).resolves.toBe(run.lesson.captions.length);
    await expect(page.locator('.scrubber .marker.lost').count()).resolves.toBe(0);
    // Crashed at 8 s, nothing lost yet at 9 s: the failover timeline must not say how many will be.
    await seek(page, 9_000_000);
    await expect(page.locator('[data-testid=episode-lost]').count()).resolves.toBe(0);
    // Nor may the Summary: whole-run figures (write p99, max and mean lag) wait for the end.
    const wholeRun = page.locator('[data-testid=summary] [data-metric$=".max"], [data-testid=summary] [data-metric="writes.latencyMs.p99"]');
    await expect(wholeRun.count()).resolves.toBe(0);
    await expect(page.locator('[data-testid=summary] .later').count()).resolves.toBeGreaterThan(0);
    await seek(page, 30_000_000);
    await expect.poll(() => page.locator('[data-testid=episode-lost]').textContent()).toMatch(/[1-9]\d* acknowledged writes? lost/);
    await expect.poll(() => wholeRun.count()).toBeGreaterThan(0);
    expect(session.problems).toEqual([]);
  });
});
