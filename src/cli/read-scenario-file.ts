import { closeSync, openSync, readSync, statSync, type Stats } from 'node:fs';
import { MAX_SCENARIO_BYTES, parseScenario, ScenarioError, type Scenario } from '../scenario/index.ts';
import { BadInputError } from './exit-codes.ts';
import { looksLikeCourse } from '../scenario/course.ts';

/**
 * Reads and parses one scenario file. Every way the file can be wrong becomes a
 * BadInputError whose message names the file, so the CLI can print it and exit 2.
 */
export function readScenarioFile(path: string): Scenario {
  const text = readScenarioText(path);
  if (looksLikeCourse(text)) throw new BadInputError(`repsim: ${path}: this is a course (a list of lessons), not a scenario: run one of its lessons, or check it with repsim validate`);
  return parseScenarioText(text, path);
}

/** Parses scenario text read from `path`; bad input becomes a BadInputError. */
export function parseScenarioText(text: string, path: string): Scenario {
  try {
    return parseScenario(text, path);
  } catch (error) {
    // Its message is already one `file:line:col: path: message` line per issue.
    if (error instanceof ScenarioError) throw new BadInputError(error.message);
    throw error;
  }
}

/** A scenario (or course) file's text, read through the size cap; errors name the file. */
export function readScenarioText(path: string): string {
  const stats = statOrThrow(path);
  if (stats.isDirectory()) throw new BadInputError(`repsim: ${path}: is a directory, not a scenario file`);
  // A regular file's size is checked before reading; devices, pipes and stdin report no
  // useful size, so every read goes through the same byte cap as well.
  if (stats.size > MAX_SCENARIO_BYTES) throw tooLarge(path, `is ${formatBytes(stats.size)}`);
  let bytes: Buffer;
  try {
    bytes = readCapped(path, MAX_SCENARIO_BYTES);
  } catch (error) {
    if (error instanceof BadInputError) throw error;
    throw new BadInputError(`repsim: ${path}: cannot read: ${systemReason(error)}`);
  }
  return new TextDecoder('utf-8').decode(bytes);
}

/** Reads at most `cap` bytes; one byte more means the input is too large (/dev/zero, `yes |`). */
function readCapped(path: string, cap: number): Buffer {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(cap + 1);
    let filled = 0;
    for (;;) {
      const n = readSync(fd, buffer, filled, buffer.length - filled, null);
      if (n === 0) break;
      filled += n;
      if (filled > cap) throw tooLarge(path, 'is larger than that');
    }
    return buffer.subarray(0, filled);
  } finally {
    closeSync(fd);
  }
}

function tooLarge(path: string, what: string): BadInputError {
  return new BadInputError(`repsim: ${path}: scenario files are limited to ${formatBytes(MAX_SCENARIO_BYTES)}; this one ${what}`);
}

function statOrThrow(path: string): Stats {
  try {
    return statSync(path);
  } catch (error) {
    throw new BadInputError(`repsim: ${path}: cannot read: ${systemReason(error)}`);
  }
}

const SYSTEM_REASONS: Record<string, string> = {
  ENOENT: 'no such file',
  EACCES: 'permission denied',
  EISDIR: 'is a directory',
  ENOTDIR: 'a parent of it is not a directory',
};

function systemReason(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && SYSTEM_REASONS[code]) return SYSTEM_REASONS[code];
  return error instanceof Error ? error.message : String(error);
}

function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
  if (bytes >= 1024) return `${Math.round((bytes / 1024) * 10) / 10} KB`;
  return `${bytes} bytes`;
}
