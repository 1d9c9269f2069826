import { readFileSync } from 'node:fs';
import { builtinScenarioFiles } from './builtin-files.ts';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { LessonResolver } from '../../src/metrics/lesson.ts';
import { simulate } from '../../src/metrics/simulate.ts';
import { courseLessons } from '../../src/scenario/course.ts';
import { parseCourse } from '../../src/scenario/course-file.ts';
import { parseScenario, ScenarioError } from '../../src/scenario/index.ts';

const DIR = fileURLToPath(new URL('../../scenarios/', import.meta.url));
const course = parseCourse(readFileSync(join(DIR, 'course.yaml'), 'utf8'), 'course.yaml');
const lessons = courseLessons(course);

describe('the built-in course', () => {
  it('has at least 14 lessons in sections, and lists every built-in scenario once', () => {
    expect(lessons.length).toBeGreaterThanOrEqual(14);
    expect(course.sections.map((s) => s.title)).toEqual(['Basics', 'Lag and stale reads', 'Session guarantees', 'Failover', 'Durability modes', 'Split brain']);
    const files = builtinScenarioFiles();
    expect(lessons.map((l) => l.file).sort()).toEqual(files);
  });

  // Each lesson runs once, folding its trace as it streams (as `repsim check` does).
  describe.each(lessons.map((l) => [l.file, l] as const))('%s', (file) => {
    const scenario = parseScenario(readFileSync(join(DIR, file), 'utf8'), file);
    const { lesson } = scenario;

    it('is a lesson: a description without HTML, playback, a question with an explanation', () => {
      expect(lesson.description?.length).toBeGreaterThan(100);
      expect(lesson.playback).toBeDefined();
      expect(lesson.quiz.length).toBeGreaterThanOrEqual(1);
      for (const q of lesson.quiz) expect(q.explain.length).toBeGreaterThan(20);
      expect(lesson.markers.length).toBeGreaterThanOrEqual(1);
    });

    it('is short enough to run in a test (≤ 60 s simulated), and every event and answer holds in the run', () => {
      expect(scenario.config.durationUs).toBeLessThanOrEqual(60_000_000);
      const resolver = new LessonResolver(lesson);
      const resolved = resolver.finish(simulate(scenario.config, { trace: resolver.sink }));
      expect(resolved.problems).toEqual([]);
      expect(resolved.quiz.length).toBe(lesson.quiz.length);
      expect(resolved.markers.length).toBe(lesson.markers.length);
      // Human pacing at the lesson's speed: the first key moment within a minute of wall time,
      // the last within a minute and a half.
      const wallS = resolved.markers.map((m) => m.tUs / 1e6 / lesson.playback!.speed);
      expect(Math.min(...wallS)).toBeLessThanOrEqual(60);
      expect(Math.max(...wallS)).toBeLessThanOrEqual(90);
    });
  });
});

describe('course files', () => {
  it('a lesson listed twice, or a missing summary, is refused with its line', () => {
    const text = 'course: C\nsections:\n  - title: A\n    lessons:\n      - { file: a.yaml, summary: s }\n      - { file: a.yaml, summary: s }\n      - { file: b.yaml }\n';
    try {
      parseCourse(text, 'c.yaml');
      expect.unreachable('the course should be refused');
    } catch (e) {
      expect(e).toBeInstanceOf(ScenarioError);
      expect((e as ScenarioError).message.split('\n')).toEqual(['c.yaml:7:9: sections[0].lessons[2].summary: missing required field `summary`']);
    }
    expect(() => parseCourse(text.replace('      - { file: b.yaml }\n', ''), 'c.yaml')).toThrow('c.yaml:6:17: sections[0].lessons[1].file: `a.yaml` is already a lesson (sections[0].lessons[0])');
  });

  it('a lesson names a file next to the course, not a path', () => {
    expect(() => parseCourse('course: C\nsections:\n  - title: A\n    lessons:\n      - { file: ../x.yaml, summary: s }\n', 'c.yaml')).toThrow(/sections\[0\]\.lessons\[0\]\.file: a lesson names a scenario file in the same directory/);
  });
});
