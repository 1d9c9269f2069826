import { describe, expect, it } from 'vitest';
import { descriptionText, parseDescription } from '../../src/scenario/description.ts';

describe('the description markdown subset', () => {
  it('paragraphs, lists and inline marks become plain data', () => {
    const blocks = parseDescription('**What you will see.** A *replica*\nand `binlog`.\n\n- one\n- two,\n  continued\n\n<b>not html</b> 2 * 3 * 4');
    expect(blocks).toEqual([
      {
        kind: 'paragraph',
        inlines: [
          { kind: 'strong', text: 'What you will see.' },
          { kind: 'text', text: ' A ' },
          { kind: 'em', text: 'replica' },
          { kind: 'text', text: ' and ' },
          { kind: 'code', text: 'binlog' },
          { kind: 'text', text: '.' },
        ],
      },
      { kind: 'list', items: [[{ kind: 'text', text: 'one' }], [{ kind: 'text', text: 'two, continued' }]] },
      // Text stays text: a view renders it as a text node, so markup is shown, never run.
      { kind: 'paragraph', inlines: [{ kind: 'text', text: '<b>not html</b> 2 * 3 * 4' }] },
    ]);
    expect(descriptionText(blocks)).toBe('What you will see. A replica and binlog.\n\n• one\n• two, continued\n\n<b>not html</b> 2 * 3 * 4');
  });
});
