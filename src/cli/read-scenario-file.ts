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
    if (error instanceof ScenarioError) throw new BadInputError(describeScenarioError(error));
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

/** One line per issue, `file:line:col: path: message`, the shape editors and CI jump to. */
export function describeScenarioError(error: ScenarioError): string {
  const issues = Array.isArray(error.issues) ? error.issues : [];
  if (issues.length === 0) return error.message;
  return issues
    .map((issue) => {
      const where = [issue.file, issue.line, issue.line === undefined ? undefined : issue.column]
        .filter((part) => part !== undefined && part !== '')
        .join(':');
      const path = formatIssuePath(issue.path);
      return `${where}: ${path ? `${path}: ` : ''}${issue.message}`;
    })
    .join('\n');
}

function formatIssuePath(path: unknown): string {
  if (Array.isArray(path)) {
    return path.map((part, i) => (typeof part === 'number' ? `[${part}]` : `${i > 0 ? '.' : ''}${part}`)).join('');
  }
  return path === undefined || path === null ? '' : String(path);
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
