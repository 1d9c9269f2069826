import { readFileSync, statSync, type Stats } from 'node:fs';
import { MAX_SCENARIO_BYTES, parseScenario, ScenarioError, type Scenario } from '../scenario/index.ts';
import { BadInputError } from './exit-codes.ts';

/**
 * Reads and parses one scenario file. Every way the file can be wrong becomes a
 * BadInputError whose message names the file, so the CLI can print it and exit 2.
 */
export function readScenarioFile(path: string): Scenario {
  const text = readText(path);
  try {
    return parseScenario(text, path);
  } catch (error) {
    // Its message is already one `file:line:col: path: message` line per issue.
    if (error instanceof ScenarioError) throw new BadInputError(error.message);
    throw error;
  }
}

function readText(path: string): string {
  const stats = statOrThrow(path);
  if (stats.isDirectory()) throw new BadInputError(`repsim: ${path}: is a directory, not a scenario file`);
  // Checked before reading so a huge or endless file is refused without loading it.
  if (stats.size > MAX_SCENARIO_BYTES) {
    throw new BadInputError(
      `repsim: ${path}: file is ${formatBytes(stats.size)}; scenario files are limited to ${formatBytes(MAX_SCENARIO_BYTES)}`,
    );
  }
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new BadInputError(`repsim: ${path}: cannot read: ${systemReason(error)}`);
  }
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
