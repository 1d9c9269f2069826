/**
 * Every scenarios/*.yaml, found at build time so new files appear without code changes. Each
 * is a separate lazily loaded chunk: only the scenario the learner opens is downloaded.
 * course.yaml is the course's table of contents, not a scenario.
 */
const loaders = import.meta.glob(['/scenarios/*.yaml', '!/scenarios/course.yaml'], { query: '?raw', import: 'default' }) as Record<string, () => Promise<string>>;

export const DEFAULT_SCENARIO = 'photo-upload.yaml';

const byName = new Map(Object.entries(loaders).map(([path, load]) => [path.split('/').pop()!, load]));

/** File names, the default first, then alphabetical. */
export const builtinFileNames: string[] = [...byName.keys()].sort((a, b) =>
  a === DEFAULT_SCENARIO ? -1 : b === DEFAULT_SCENARIO ? 1 : a.localeCompare(b),
);

export async function loadBuiltin(fileName: string): Promise<string | undefined> {
  return byName.get(fileName)?.();
}
