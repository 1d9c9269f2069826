import { useRef, useState } from 'react';
import { useFocusTrap } from '../hooks/useFocusTrap.ts';

interface Props {
  /** The address of the run on screen as the compact player (?embed=1). */
  embedUrl: string;
  title: string;
  onClose: () => void;
}

/** A copy-paste iframe for a course page: the compact player of the run on screen, at the playhead. */
export function EmbedDialog({ embedUrl, title, onClose }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  useFocusTrap(ref, onClose);
  const [note, setNote] = useState<string | null>(null);
  const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  const snippet = `<iframe src="${escape(embedUrl)}" title="${escape(`repsim: ${title}`)}" width="760" height="480" style="border:0;max-width:100%" loading="lazy"></iframe>`;
  const copy = () => {
    navigator.clipboard?.writeText(snippet).then(() => setNote('Copied.'), () => setNote('Select the text and copy it.'));
    if (!navigator.clipboard) setNote('Select the text and copy it.');
  };
  return (
    <div className="overlay" role="dialog" aria-modal="true" aria-labelledby="embed-title" ref={ref} onClick={onClose} data-testid="embed-dialog">
      <div className="help export" onClick={(e) => e.stopPropagation()}>
        <header>
          <h2 id="embed-title">Embed this run</h2>
          <button type="button" onClick={onClose} aria-label="Close embed">✕</button>
        </header>
        <p>Paste this into a course page: a compact player (cluster, time controls, captions and an “Open in repsim” link) of this run, starting at the playhead.</p>
        <textarea readOnly value={snippet} rows={4} className="snippet" aria-label="Embed code" data-testid="embed-snippet" onFocus={(e) => e.target.select()} />
        <p><button type="button" onClick={copy} data-testid="copy-embed">Copy</button> <a href={embedUrl} target="_blank" rel="noopener">Preview</a></p>
        {note && <p className="note" role="status">{note}</p>}
      </div>
    </div>
  );
}
