/** Every scenarios/*.yaml, bundled as text; new files appear without code changes. */
const files = import.meta.glob('/scenarios/*.yaml', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

export interface BuiltinScenario {
  fileName: string;
  title: string;
  text: string;
}

export const DEFAULT_SCENARIO = 'photo-upload.yaml';

export const builtinScenarios: BuiltinScenario[] = Object.entries(files)
  .map(([path, text]) => {
    const fileName = path.split('/').pop()!;
    const name = /^name:\s*["']?(.+?)["']?\s*$/m.exec(text)?.[1];
    return { fileName, title: name ?? fileName.replace(/\.ya?ml$/, ''), text };
  })
  .sort((a, b) => (a.fileName === DEFAULT_SCENARIO ? -1 : b.fileName === DEFAULT_SCENARIO ? 1 : a.title.localeCompare(b.title)));
