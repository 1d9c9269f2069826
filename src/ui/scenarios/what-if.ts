// A what-if as an edit of the scenario at time t: shared by the main page and each side of a
// comparison, so a what-if means the same edit wherever it is asked.
import type { WhatIf } from '../components/Inspector.tsx';
import type { Timeline } from '../state/index.ts';
import { crashAt, cutLinkAt, healLinkAt, isolateAt, promoteAt, reconnectAt, recoverAt } from './edit.ts';
import type { Doc } from './edit.ts';

export function whatIfDocument(doc: Doc, w: WhatIf, tUs: number, timeline: Timeline): Doc {
  const open = (f: Record<string, unknown>) => f.until === undefined;
  if (w.kind === 'crash') return crashAt(doc, w.node, tUs);
  if (w.kind === 'recover') return recoverAt(doc, w.node, tUs);
  if (w.kind === 'cut') return cutLinkAt(doc, w.a, w.b, tUs);
  if (w.kind === 'promote') return promoteAt(doc, w.node, tUs);
  if (w.kind === 'isolate') return isolateAt(doc, w.node, [...timeline.nodeIds, ...timeline.agents, ...timeline.groups], tUs);
  if (w.kind === 'reconnect') return reconnectAt(doc, w.node, tUs);
  return healLinkAt(doc, w.a, w.b, tUs, open);
}
