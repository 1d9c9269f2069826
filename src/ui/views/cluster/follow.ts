import { select } from 'd3-selection';
import type { Frame, Timeline } from '../../state/index.ts';
import { followStateAt, readsRepliedBy } from '../../state/follow.ts';
import type { WritePath } from '../../state/follow.ts';
import { FOLLOW_STATE_TEXT, readEndpoints, writeEndpoints } from '../follow-style.ts';
import { linkKey } from './layout.ts';
import type { LinkGeom, Place } from './layout.ts';

/**
 * The cluster picture while a write is followed: each node card wears a badge with where the
 * write stands there at the playhead (not received yet / received / applied / committed /
 * rolled back / lost); the client groups, nodes and links the write and its key's reads
 * travel stay as they are and everything else is dimmed (classes `on-path` and `dimmed`).
 */
export function updateFollow(placesLayer: SVGGElement, linksLayer: SVGSVGElement, tl: Timeline, frame: Frame, path: WritePath | null): void {
  // Nothing followed now or at the last frame: nothing to undo (a relayout rebuilds the places clean).
  if (!path && placesLayer.dataset.follow !== 'on') return;
  placesLayer.dataset.follow = path ? 'on' : 'off';
  const places = select(placesLayer).selectAll<SVGGElement, Place>('g.place');
  const links = select(linksLayer).selectAll<SVGGElement, LinkGeom>('g.link');
  if (!path) {
    places.classed('on-path', false).classed('dimmed', false).attr('data-follow', null);
    places.selectAll('g.follow-tag').attr('display', 'none');
    links.classed('on-path', false).classed('read-path', false).classed('dimmed', false);
    return;
  }
  const w = writeEndpoints(tl, path, linkKey);
  const r = readEndpoints(tl, path, readsRepliedBy(tl, path, frame.tUs), linkKey);
  const lit = (d: Place) => d.kind === 'node' || w.places.has(d.id) || r.groups.has(d.id);
  places.classed('on-path', lit).classed('dimmed', (d) => !lit(d));
  // The write's own links, and (apart) the links its key's reads took so far.
  links
    .classed('on-path', (d) => w.links.has(linkKey(d.a, d.b)))
    .classed('read-path', (d) => !w.links.has(linkKey(d.a, d.b)) && r.links.has(linkKey(d.a, d.b)))
    .classed('dimmed', (d) => !w.links.has(linkKey(d.a, d.b)) && !r.links.has(linkKey(d.a, d.b)));
  select(placesLayer).selectAll<SVGGElement, Place>('g.place.node').each(function (d) {
    const g = select<SVGGElement, Place>(this);
    const state = followStateAt(path, d.id, frame.tUs);
    g.attr('data-follow', state);
    let tag = g.select<SVGGElement>('g.follow-tag');
    if (tag.empty()) {
      // Straddles the card's top edge on the right, clear of the name and the term.
      tag = g.append('g').attr('class', 'follow-tag');
      tag.append('rect').attr('height', 16).attr('rx', 8).attr('y', -10);
      tag.append('text').attr('y', 2).attr('text-anchor', 'middle');
    }
    // Once the checker has found the write outside the surviving history, it is not on its way anymore.
    const gone = path.lost !== null && path.lost.tUs <= frame.tUs;
    const text = state === 'committed' && path.commit ? `committed · LSN ${path.commit.lsn}` : state === 'not-received' && gone ? 'not received' : FOLLOW_STATE_TEXT[state];
    tag.attr('display', null).attr('data-state', state);
    const el = tag.select('text').node() as (SVGTextElement & { __text?: string }) | null;
    if (el && el.__text !== text) {
      el.textContent = text;
      el.__text = text;
      const width = Math.round(text.length * 6 + 14);
      const x = d.w! - width - 6;
      tag.select('rect').attr('x', x).attr('width', width);
      tag.select('text').attr('x', x + width / 2);
    }
  });
}
