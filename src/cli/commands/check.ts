import { parseCheckArgs } from '../args.ts';
import { BadInputError, EXIT_BAD_INPUT, EXIT_EXPECTATION_FAILED, EXIT_OK, worstExit, type ExitCode } from '../exit-codes.ts';
import { reportInternalError } from '../internal-error.ts';
import { CHECK_HELP } from '../help.ts';
import type { Io } from '../io.ts';

export async function checkCommand(argv: string[], io: Io): Promise<ExitCode> {
  const args = parseCheckArgs(argv);
  if (args.help) {
    io.out(CHECK_HELP);
    return EXIT_OK;
  }
  let exit: ExitCode = EXIT_OK;
  for (const file of args.files) exit = worstExit(exit, await checkFile(file, io, args));
  return exit;
}

async function checkFile(file: string, io: Io, args: { allowLarge: boolean; quiet: boolean }): Promise<ExitCode> {
  // Loaded only now, so help and flag errors answer without compiling the simulator.
  const { readScenarioOrCourse } = await import('../read-course-file.ts');
  const { allExpectationsPass, runScenario } = await import('../run-scenario.ts');
  const { expectations, printable } = await import('../format-table.ts');
  const { LessonResolver, lessonNeedsTrace } = await import('../../metrics/lesson.ts');
  const { lessonLines } = await import('../lesson-lines.ts');
  try {
    const read = readScenarioOrCourse(file);
    if (read.kind === 'course') {
      io.out(printable(`${file}\n  course: ${read.lessons} lessons in ${read.course.sections.length} sections, every one a valid lesson`));
      return EXIT_OK;
    }
    const { lesson } = read.scenario;
    // The trace is folded as it streams, only when an event anchor or trace query needs it.
    const resolver = new LessonResolver(lesson);
    const sink = lessonNeedsTrace(lesson) ? resolver.sink : undefined;
    const report = runScenario(read.scenario, file, { allowLarge: args.allowLarge, quiet: args.quiet, ...(sink ? { sink } : {}) });
    const resolved = resolver.finish(report);
    const lines = expectations(report.expectations);
    const lessonOut = lessonLines(resolved, { captions: lesson.narration.length, quiz: lesson.quiz.length, markers: lesson.markers.length });
    io.out(printable([file, ...(lines.length > 0 ? lines.slice(1) : ['  (no expect lines)']), ...lessonOut.map((l) => `  ${l}`)].join('\n')));
    return allExpectationsPass(report) && resolved.problems.length === 0 ? EXIT_OK : EXIT_EXPECTATION_FAILED;
  } catch (error) {
    // One bad file should not hide the results of the others: report it and go on.
    if (!(error instanceof BadInputError)) return reportInternalError(error, file, io);
    io.err(error.message);
    return EXIT_BAD_INPUT;
  }
}
