/** The scenario file layer: parse, validate and resolve scenario files into a WorldConfig. */
export { parseScenario, scenarioFromObject, MAX_SCENARIO_BYTES, type Scenario } from './parse.ts';
export { ScenarioError, formatIssues, type ScenarioIssue } from './issues.ts';
export { scenarioSchema, type ScenarioInput, type ScenarioDoc } from './schema/scenario.ts';
export { parseDuration, tryDuration, parseRate } from './units.ts';
export { defaultSeriesInterval, DEFAULT_KEY_COUNT } from './build-config.ts';
