/**
 * A YAML flow-style rendering of small values ({dist: lognormal, median: 1ms}), for showing
 * scenario fields in the page without shipping a YAML library to the main thread.
 */
export function flow(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (Array.isArray(v)) return `[${v.map(flow).join(', ')}]`;
  if (typeof v === 'object') return `{${Object.entries(v as Record<string, unknown>).map(([k, x]) => `${k}: ${flow(x)}`).join(', ')}}`;
  if (typeof v === 'string') return /^$|^\s|\s$|[:,{}[\]#&*!|>'"%@`]/.test(v) ? JSON.stringify(v) : v;
  return String(v);
}

/** Marks text the user typed as YAML for the worker to parse (it has the YAML parser). */
export interface YamlText {
  $yaml: string;
}

/** Reads typed knob text: numbers stay numbers, `{…}` / `[…]` go to the worker as YAML, else a string. */
export function readKnob(text: string): unknown {
  const t = text.trim();
  if (t === '') return undefined;
  if (/^-?\d+(\.\d+)?$/.test(t)) return Number(t);
  if (/^[[{]/.test(t)) return { $yaml: t } satisfies YamlText;
  return t;
}
