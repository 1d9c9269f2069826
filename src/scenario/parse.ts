import { LineCounter, parseDocument, type YAMLError } from 'yaml';
import { ScenarioError, type ScenarioIssue } from './issues.ts';
import { locator } from './locate.ts';
import { asScenarioError, validate, type Scenario } from './validate.ts';

export { scenarioFromObject, type Scenario } from './validate.ts';


/** Scenario text larger than this is refused. */
export const MAX_SCENARIO_BYTES = 5 * 1024 * 1024;

/** Parses YAML or JSON text (JSON when the name ends in .json); throws ScenarioError. */
export function parseScenario(text: string, fileName: string): Scenario {
  try {
    const size = utf8Length(text);
    if (size > MAX_SCENARIO_BYTES)
      throw new ScenarioError([{ file: fileName, path: '', message: `scenario is ${size} bytes; the limit is ${MAX_SCENARIO_BYTES} bytes (5 MB)` }]);
    const lineCounter = new LineCounter();
    const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
    const at = (offset: number) => {
      const { line, col } = lineCounter.linePos(offset);
      return { line, column: col };
    };
    if (doc.errors.length > 0) throw new ScenarioError(syntaxIssues(doc.errors, fileName, at));
    if (/\.json$/i.test(fileName)) {
      const problem = jsonProblem(text);
      if (problem) throw new ScenarioError([{ file: fileName, path: '', ...at(problem.offset), message: problem.message }]);
    }
    let raw: unknown;
    try {
      raw = doc.toJS({ maxAliasCount: 1000 });
    } catch (e) {
      throw new ScenarioError([{ file: fileName, path: '', message: firstLine((e as Error).message) }]);
    }
    return validate(raw, fileName, locator(doc, lineCounter));
  } catch (e) {
    throw asScenarioError(e, fileName);
  }
}

/**
 * The YAML parser's errors, one per problem, in words a scenario author can act on. Two of
 * its messages speak to programmers: a second document (`---`) and a recursion overflow
 * on absurdly deep nesting; each becomes a plain message of its own, reported alone.
 */
function syntaxIssues(errors: readonly YAMLError[], fileName: string, at: (offset: number) => { line: number; column: number }): ScenarioIssue[] {
  const issue = (e: YAMLError, message: string): ScenarioIssue => ({ file: fileName, path: '', ...at(e.pos[0]), message });
  const deep = errors.find((e) => /call stack/i.test(e.message));
  if (deep) return [issue(deep, 'the document nests too deeply ([ ] or { } inside each other thousands of times); a scenario needs a few levels')];
  const multi = errors.find((e) => e.code === 'MULTIPLE_DOCS');
  if (multi) return [issue(multi, 'a scenario file holds one YAML document; a second one starts here (after `---`): remove it or move it to a file of its own')];
  return errors.map((e) => issue(e, firstLine(e.message)));
}

function firstLine(s: string): string {
  return s.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
}

/** A strict-JSON problem the YAML parser tolerated (comments, single quotes, bare words). */
function jsonProblem(text: string): { offset: number; message: string } | undefined {
  try {
    JSON.parse(text);
    return undefined;
  } catch (e) {
    const message = (e as Error).message;
    const pos = /position (\d+)/.exec(message);
    return { offset: pos ? Number(pos[1]) : 0, message: `invalid JSON: ${message}` };
  }
}

function utf8Length(text: string): number {
  // Cheap bound first: a UTF-16 code unit is at most 3 UTF-8 bytes.
  if (text.length * 3 <= MAX_SCENARIO_BYTES) return text.length;
  return new TextEncoder().encode(text).length;
}
