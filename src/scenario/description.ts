/*
 * The markdown subset of a scenario's `description`, parsed into plain data so a view renders
 * it as text nodes (never as HTML): paragraphs separated by blank lines, `- ` or `* ` list
 * items, **strong**, *emphasis* and `code`. Anything else is text, as written.
 */

export type Inline = { kind: 'text' | 'strong' | 'em' | 'code'; text: string };
export type Block = { kind: 'paragraph'; inlines: Inline[] } | { kind: 'list'; items: Inline[][] };

const BULLET = /^\s*[-*]\s+/;

export function parseDescription(text: string): Block[] {
  const blocks: Block[] = [];
  for (const chunk of text.replace(/\r\n?/g, '\n').split(/\n\s*\n/)) {
    const lines = chunk.split('\n').filter((l) => l.trim() !== '');
    if (lines.length === 0) continue;
    if (lines.every((l) => BULLET.test(l) || /^\s{2,}\S/.test(l)) && BULLET.test(lines[0])) {
      // A line indented under an item continues it.
      const items: string[] = [];
      for (const l of lines) {
        if (BULLET.test(l)) items.push(l.replace(BULLET, ''));
        else items[items.length - 1] += ` ${l.trim()}`;
      }
      blocks.push({ kind: 'list', items: items.map(parseInlines) });
    } else blocks.push({ kind: 'paragraph', inlines: parseInlines(lines.map((l) => l.trim()).join(' ')) });
  }
  return blocks;
}

const INLINE = /`([^`]+)`|\*\*([^*]+)\*\*|\*([^*\s][^*]*)\*/g;

export function parseInlines(text: string): Inline[] {
  const out: Inline[] = [];
  let last = 0;
  for (const m of text.matchAll(INLINE)) {
    if (m.index > last) out.push({ kind: 'text', text: text.slice(last, m.index) });
    if (m[1] !== undefined) out.push({ kind: 'code', text: m[1] });
    else if (m[2] !== undefined) out.push({ kind: 'strong', text: m[2] });
    else out.push({ kind: 'em', text: m[3] });
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push({ kind: 'text', text: text.slice(last) });
  return out;
}

/** The description as plain text (inline marks dropped), e.g. for a one-line preview. */
export function descriptionText(blocks: Block[]): string {
  const line = (xs: Inline[]) => xs.map((x) => x.text).join('');
  return blocks.map((b) => (b.kind === 'paragraph' ? line(b.inlines) : b.items.map((i) => `• ${line(i)}`).join('\n'))).join('\n\n');
}
