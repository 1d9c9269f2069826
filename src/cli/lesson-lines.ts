import type { ResolvedLesson } from '../metrics/lesson.ts';

/** The lesson part of `repsim check`'s output: a summary line, then every problem (✗). */
export function lessonLines(resolved: ResolvedLesson, declared: { captions: number; quiz: number; markers: number }): string[] {
  if (declared.captions + declared.quiz + declared.markers === 0) return [];
  const ok = resolved.problems.length === 0;
  const head = `Lesson (${declared.captions} captions, ${declared.quiz} questions, ${declared.markers} markers): ${ok ? 'every event happens and every answer agrees with the run' : `${resolved.problems.length} problem${resolved.problems.length === 1 ? '' : 's'}`}`;
  const answers = resolved.quiz.map((q) => `  ✓ quiz[${q.index}] at ${seconds(q.tUs)}: answer ${typeof q.answer === 'string' ? `“${q.answer}”` : q.answer}`);
  const markers = resolved.markers.length > 0 ? [`  markers: ${resolved.markers.map((m) => `${m.label} ${seconds(m.tUs)}`).join(', ')}`] : [];
  return [head, ...answers, ...markers, ...resolved.problems.map((p) => `  ✗ ${p.where}: ${p.message}`)];
}

function seconds(us: number): string {
  return `${Math.round(us / 1000) / 1000}s`;
}
