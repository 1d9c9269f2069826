import { parseScenario, ScenarioError, type ScenarioIssue } from '../../src/scenario/index.ts';

/** Three nodes on lines 2-4; text appended to it starts on line 5. */
export const BASE = `nodes:
  - { id: p, role: primary }
  - { id: r1, role: replica }
  - { id: r2, role: replica }
`;

/** The issues parseScenario reports for a text (fails the test if it parses). */
export function issuesOf(text: string, fileName = 'test.yaml'): ScenarioIssue[] {
  try {
    parseScenario(text, fileName);
  } catch (e) {
    if (e instanceof ScenarioError) return e.issues;
    throw e;
  }
  throw new Error('expected the scenario to be refused, but it parsed');
}
