import { scenarioJsonSchema } from './json-schema.ts';

type Json = Record<string, any>;

/**
 * The scenario format reference as Markdown tables, generated from the JSON Schema (which
 * is generated from the validator), so the README can never drift from what is accepted.
 */
export function scenarioReferenceMarkdown(): string {
  const schema = scenarioJsonSchema() as Json;
  const defs = (schema.$defs ?? {}) as Json;
  const rows: string[] = ['| field | accepts | default | meaning |', '| --- | --- | --- | --- |'];
  walk(schema, '', defs, rows, 0);
  return rows.join('\n') + '\n';
}

function walk(node: Json, path: string, defs: Json, rows: string[], depth: number): void {
  const props = objectProps(node, defs);
  if (!props || depth > 4) return;
  for (const [name, raw] of Object.entries(props)) {
    const prop = raw as Json;
    const field = path ? `${path}.${name}` : name;
    rows.push(`| \`${field}\` | ${accepts(prop, defs)} | ${defaultOf(prop)} | ${escape(prop.description ?? '')} |`);
    walk(prop, field, defs, rows, depth + 1);
    const items = resolve(prop, defs).items as Json | undefined;
    if (items) walk(items, `${field}[]`, defs, rows, depth + 1);
  }
}

function resolve(node: Json, defs: Json): Json {
  if (typeof node.$ref === 'string') return defs[node.$ref.replace('#/$defs/', '')] ?? node;
  return node;
}

function objectProps(node: Json, defs: Json): Json | undefined {
  const n = resolve(node, defs);
  if (n.properties) return n.properties;
  // A union of object shapes (e.g. fault kinds): list every member's fields together.
  const members = (n.anyOf ?? n.oneOf) as Json[] | undefined;
  if (!members) return undefined;
  const merged: Json = {};
  for (const m of members) Object.assign(merged, resolve(m, defs).properties ?? {});
  return Object.keys(merged).length > 0 ? merged : undefined;
}

function accepts(prop: Json, defs: Json): string {
  if (typeof prop.$ref === 'string') return prop.$ref.replace('#/$defs/', '');
  if (prop.enum) return prop.enum.map((v: unknown) => `\`${v}\``).join(' \\| ');
  if (prop.const !== undefined) return `\`${prop.const}\``;
  const members = (prop.anyOf ?? prop.oneOf) as Json[] | undefined;
  if (members) return [...new Set(members.map((m) => accepts(m, defs)))].join(' or ');
  if (prop.type === 'array') return `list of ${prop.items ? accepts(prop.items, defs) : 'values'}`;
  return String(prop.type ?? 'value');
}

function defaultOf(prop: Json): string {
  if (prop.default === undefined) return '';
  const d = prop.default;
  if (typeof d === 'object' && d !== null && Object.keys(d).length === 0) return Array.isArray(d) ? '`[]`' : '';
  return `\`${typeof d === 'string' ? d : JSON.stringify(d)}\``;
}

function escape(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

const START = '<!-- scenario-reference:start -->';
const END = '<!-- scenario-reference:end -->';

/** `readme` with the text between the reference markers replaced by the generated table. */
export function withScenarioReference(readme: string): string {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) throw new Error(`README has no ${START} … ${END} markers`);
  return `${readme.slice(0, start + START.length)}\n${scenarioReferenceMarkdown()}${readme.slice(end)}`;
}
