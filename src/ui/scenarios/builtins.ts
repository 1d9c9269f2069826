/**
 * Every scenarios/*.yaml, found at build time so new files appear without code changes. Each
 * is a separate lazily loaded chunk: only the scenario the learner opens is downloaded. They
 * arrive as plain documents, read from YAML at build time (`?doc`, see vite.config.ts), so
 * showing a built-in needs no YAML parser in the page. course.yaml is the course's table of
 * contents, not a scenario.
 */
const loaders = import.meta.glob(['/scenarios/*.yaml', '!/scenarios/course.yaml'], { query: '?doc', import: 'default' }) as Record<string, () => Promise<unknown>>;

export const DEFAULT_SCENARIO = 'photo-upload.yaml';

const byName = new Map(Object.entries(loaders).map(([path, load]) => [path.split('/').pop()!, load]));

/** File names, the default first, then alphabetical. */
export const builtinFileNames: string[] = [...byName.keys()].sort((a, b) =>
  a === DEFAULT_SCENARIO ? -1 : b === DEFAULT_SCENARIO ? 1 : a.localeCompare(b),
);

/** A built-in scenario's document (what its YAML says), or undefined if there is none by that name. */
export async function loadBuiltin(fileName: string): Promise<unknown> {
  return byName.get(fileName)?.();
}
