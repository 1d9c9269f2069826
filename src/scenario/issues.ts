/** One problem found in a scenario: where it is and what is wrong. */
export interface ScenarioIssue {
  file: string;
  /** Dotted field path, e.g. `nodes[1].applyTime.mean`; '' for the whole document. */
  path: string;
  /** 1-based, for YAML/JSON text. */
  line?: number;
  column?: number;
  message: string;
}

/** A path as zod and the locator see it. */
export type IssuePath = readonly (string | number)[];

/** A problem before it is given a file and a position. */
export interface RawIssue {
  path: IssuePath;
  message: string;
  /** Point at the key rather than its value (unknown fields). */
  atKey?: boolean;
}

/** `nodes[1].applyTime.mean`. */
export function formatPath(path: IssuePath): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out === '' ? seg : `.${seg}`;
  }
  return out;
}

/** `file:line:column: path: message`, one issue per line. */
export function formatIssues(issues: ScenarioIssue[]): string {
  return issues
    .map((i) => {
      const where = i.line === undefined ? i.file : `${i.file}:${i.line}:${i.column ?? 1}`;
      return `${where}: ${i.path ? `${i.path}: ` : ''}${i.message}`;
    })
    .join('\n');
}

/** Thrown by parseScenario and scenarioFromObject; carries every issue found. */
export class ScenarioError extends Error {
  issues: ScenarioIssue[];
  constructor(issues: ScenarioIssue[]) {
    super(formatIssues(issues));
    this.name = 'ScenarioError';
    this.issues = issues;
  }
}
