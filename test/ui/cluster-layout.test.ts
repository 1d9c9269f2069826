import { describe, expect, it } from 'vitest';
import { clusterScale, cutLabelBox, layoutCluster, placeBox } from '../../src/ui/views/cluster/layout.ts';
import type { Box } from '../../src/ui/views/cluster/layout.ts';

// Issue 14: no card, client group or failover-manager box overlaps another or leaves the panel,
// with 1 to 12 replicas, and cut labels clear them, in the cluster panel sizes of 768 to 2560 px
// screens (measured in the browser: 750×540 at 768 px wide, stacked; 1000×480 at 1024×768;
// 650×270 at 1280×720, 650×215 there with a failover caption under it; 1060×380 at 1920×1080;
// 1120×480 at 2560×1440 after clusterScale).
const PANELS: [number, number][] = [[750, 540], [1000, 480], [650, 270], [650, 215], [1060, 380], [900, 480], [1120, 480]];

const overlap = (a: Box, b: Box) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;

describe('cluster layout', () => {
  for (const [w, h] of PANELS) {
    it(`${w}×${h}: no overlaps with 1 to 12 replicas, two client groups and a failover manager`, () => {
      for (let n = 1; n <= 12; n++) {
        const nodes = [{ id: 'db-1', role: 'primary' }, ...Array.from({ length: n }, (_, i) => ({ id: `db-${i + 2}`, role: 'replica' }))];
        // Every link a run can draw: clients to the primary, the primary to each replica, the manager to all.
        const links: [string, string][] = [
          ['uploaders', 'db-1'], ['followers', 'db-1'],
          ...nodes.slice(1).map((r): [string, string] => ['db-1', r.id]),
          ...nodes.map((r): [string, string] => ['manager', r.id]),
        ];
        const l = layoutCluster(nodes, ['uploaders', 'followers'], links, w, h, ['manager']);
        const places = [...l.places.values()];
        for (const p of places) {
          const b = placeBox(p);
          expect(b.x0, `${p.id} inside on the left (${n} replicas)`).toBeGreaterThanOrEqual(0);
          expect(b.x1, `${p.id} inside on the right (${n} replicas)`).toBeLessThanOrEqual(w);
          expect(b.y0, `${p.id} inside at the top (${n} replicas)`).toBeGreaterThanOrEqual(0);
          expect(b.y1, `${p.id} inside at the bottom (${n} replicas)`).toBeLessThanOrEqual(h);
        }
        // Cut labels of the client and primary links (those a partition cuts) clear every place, up to 3 replicas.
        if (n <= 3) {
          for (const g of l.links.filter((x) => x.a !== 'manager')) {
            for (const p of places) expect(overlap(cutLabelBox(g.label), placeBox(p)), `cut label of ${g.a}–${g.b} on ${p.id} (${n} replicas)`).toBe(false);
          }
        }
        for (let i = 0; i < places.length; i++) {
          for (let j = i + 1; j < places.length; j++) {
            expect(overlap(placeBox(places[i]), placeBox(places[j])), `${places[i].id} and ${places[j].id} overlap with ${n} replicas`).toBe(false);
          }
        }
      }
    });
  }

  it('scales up in big panels only, at most twice', () => {
    expect(clusterScale(650, 270)).toBe(1);
    expect(clusterScale(1800, 960)).toBe(2);
    expect(clusterScale(1350, 2000)).toBe(1.5);
  });
});
