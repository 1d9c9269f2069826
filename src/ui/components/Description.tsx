import type { ReactNode } from 'react';
import { parseDescription } from '../../scenario/description.ts';
import type { Inline } from '../../scenario/description.ts';

/** A scenario's description (its markdown subset) as React text nodes: never as HTML. */
export function Description({ text }: { text: string }) {
  return (
    <div className="description" data-testid="description">
      {parseDescription(text).map((b, i) =>
        b.kind === 'paragraph'
          ? <p key={i}>{inlines(b.inlines)}</p>
          : <ul key={i}>{b.items.map((item, j) => <li key={j}>{inlines(item)}</li>)}</ul>,
      )}
    </div>
  );
}

function inlines(xs: Inline[]): ReactNode[] {
  return xs.map((x, i) => {
    if (x.kind === 'strong') return <strong key={i}>{x.text}</strong>;
    if (x.kind === 'em') return <em key={i}>{x.text}</em>;
    if (x.kind === 'code') return <code key={i}>{x.text}</code>;
    return x.text;
  });
}
