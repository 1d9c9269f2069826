import type { Timeline } from '../../state/index.ts';
import { holdingAt, violationsInWindow, violationsSoFar } from '../../state/reads.ts';

const NS = 'http://www.w3.org/2000/svg';

/** How session-guarantee marks read everywhere (cluster, space-time, legend): icon + words + colour. */
export const VIOLATION = {
  ryw: { icon: '⚠', word: 'RYW', color: '#b91c1c', title: 'read-your-writes violation: the session did not see its own write' },
  mono: { icon: '↶', word: 'backwards', color: '#7e22ce', title: 'monotonic-read violation: older than what the session already read' },
  hold: { icon: '‖', word: 'holding', color: '#b45309', title: 'a replica holds a read until it has applied the session token' },
};

/**
 * Under each replica's read verdict: its read-your-writes and monotonic violations so far
 * (bold while one is recent), and the reads it is holding for a session token right now.
 */
export function updateViolations(layer: SVGGElement, tl: Timeline, tUs: number, windowUs: number): void {
  const recent = violationsInWindow(tl, tUs, windowUs);
  const holding = holdingAt(tl, tUs);
  for (const place of layer.querySelectorAll<SVGGElement>('g.place.node')) {
    const id = place.dataset.id!;
    let g = place.querySelector<SVGGElement>('g.viol');
    if (!g) {
      g = place.appendChild(document.createElementNS(NS, 'g'));
      g.setAttribute('class', 'viol');
      const h = Number(place.querySelector('rect.card')?.getAttribute('height') ?? 60);
      g.setAttribute('transform', `translate(-6,${h / 2 + 30})`);
      for (const k of ['ryw', 'mono', 'hold'] as const) {
        const t = g.appendChild(document.createElementNS(NS, 'text'));
        t.setAttribute('class', k);
        t.setAttribute('text-anchor', 'end');
        t.setAttribute('fill', VIOLATION[k].color);
        t.appendChild(document.createTextNode(''));
      }
    }
    const so = violationsSoFar(tl, id, tUs);
    const holds = holding.get(id) ?? [];
    const lines: [string, string, boolean][] = [
      ['ryw', so.ryw ? `⚠ RYW violations: ${so.ryw}` : '', recent.some((r) => r.node === id && r.rywViolation)],
      ['mono', so.mono ? `↶ went backwards: ${so.mono}` : '', recent.some((r) => r.node === id && r.monotonicViolation)],
      ['hold', holds.length ? `‖ holding ${holds.length} read${holds.length > 1 ? 's' : ''} until LSN ${Math.min(...holds.map((h) => h.token))}` : '', true],
    ];
    let y = 0;
    for (const [k, text, hot] of lines) {
      const t = g.querySelector<SVGTextElement>(`text.${k}`)!;
      if (t.lastChild!.textContent !== text) t.lastChild!.textContent = text;
      t.setAttribute('y', String(y));
      t.classList.toggle('hot', hot);
      if (text) y += 13;
    }
  }
}
