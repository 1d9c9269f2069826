import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { TraceRecord } from '../../src/model/trace.ts';
import { hasChromium, openBuiltin, openVisualizer, seek } from './harness.ts';
import type { Session } from './harness.ts';

// Issue 13 item 5, "follow one write": a click on a write's mark (or the Follow button, the
// keyboard's way) highlights that write's path — client → primary → each replica, its acks,
// the reads of its key — in the cluster and the space-time diagram, dims the rest, names the
// write in a chip, and Esc clears it. Expected values come from the run's own trace records.
type Rec<T extends TraceRecord['type']> = Extract<TraceRecord, { type: T }>;

interface Chosen {
  op: number;
  key: number;
  group: string;
  primary: string;
  lsn: number;
  issueUs: number;
  /** The replica whose log entry arrives last, and that entry's send and arrival. */
  far: string;
  sendUs: number;
  deliverUs: number;
  applyUs: number;
  replicas: string[];
}

/** The first write issued at or after 2 s, and its log entry to the replica it reaches last. */
async function chooseWrite(page: Page): Promise<Chosen> {
  return page.evaluate(() => {
    const recs = window.__repsim!.records();
    const issue = recs.find((r) => r.type === 'write.issue' && r.t >= 2_000_000) as Rec<'write.issue'>;
    const commit = recs.find((r) => r.type === 'write.commit' && r.op === issue.op) as Rec<'write.commit'>;
    const logs = recs.filter((r): r is Rec<'msg'> => r.type === 'msg' && r.kind === 'log' && r.lsn === commit.lsn && r.t >= commit.t);
    const far = logs.reduce((a, b) => (b.deliverAt > a.deliverAt ? b : a));
    const apply = recs.find((r) => r.type === 'entry.apply' && r.node === far.to && r.lsn === commit.lsn)!;
    const tl = window.__repsim!.run()!.timeline;
    return {
      op: issue.op, key: issue.key, group: issue.group, primary: commit.node, lsn: commit.lsn, issueUs: issue.t, far: far.to,
      sendUs: far.t, deliverUs: far.deliverAt, applyUs: apply.t, replicas: tl.nodeIds.filter((id) => id !== commit.node),
    };
  });
}

/** Page coordinates of the space-time arrow of a message still on the wire, halfway along. */
async function arrowMidpoint(page: Page, from: string, to: string, sendUs: number, windowUs: number): Promise<{ x: number; y: number }> {
  return page.evaluate(({ from, to, sendUs, windowUs }) => {
    const tl = window.__repsim!.run()!.timeline;
    const t = window.__repsim!.playhead.tUs;
    const box = document.querySelector('[data-testid=spacetime]')!.getBoundingClientRect();
    const canvas = document.querySelector('[data-testid=spacetime] canvas')!.getBoundingClientRect();
    // The diagram's geometry (SpaceTime.tsx): lanes top to bottom, 92 px of labels, 24 px right of the window, 22 px of axis.
    const lanes = [...tl.agents, ...tl.groups.slice(0, 1), ...tl.nodeIds, ...tl.groups.slice(1)];
    const laneH = (box.height - 22 - 12) / lanes.length;
    const y = (id: string) => 12 + laneH * (lanes.indexOf(id) + 0.5);
    const x = (u: number) => 92 + ((u - (t - windowUs * 0.8)) / windowUs) * (box.width - 24 - 92);
    // Still on the wire: the arrow runs from the send to the playhead, a fraction of the way down.
    const m = window.__repsim!.msgs().find((mm) => mm.from === from && mm.to === to && mm.sendUs === sendUs)!;
    const f = (t - sendUs) / (m.deliverUs - sendUs);
    const x0 = x(sendUs);
    const y0 = y(from);
    const x1 = x(t);
    const y1 = y0 + (y(to) - y0) * f;
    return { x: canvas.left + (x0 + x1) / 2, y: canvas.top + (y0 + y1) / 2 };
  }, { from, to, sendUs, windowUs });
}

describe.skipIf(!hasChromium)('follow one write (dev server)', () => {
  let session: Session;
  let page: Page;
  let w: Chosen;
  const chip = () => page.locator('[data-testid=follow-chip]');
  const stCanvas = () => page.locator('[data-testid=spacetime] canvas');
  const clusterCanvas = () => page.locator('[data-testid=cluster-view] canvas');
  const place = (id: string) => page.locator(`[data-testid=cluster-view] g.place[data-id="${id}"]`);

  beforeAll(async () => {
    session = await openVisualizer({ width: 1280, height: 720 });
    page = session.page;
    await openBuiltin(page, 'own-photo-missing.yaml');
    await page.evaluate(() => window.__repsim!.playhead.pause());
    w = await chooseWrite(page);
  });

  afterAll(() => session?.close());

  it('a click on the write’s log entry in the space-time diagram follows it; the chip names it', async () => {
    await page.locator('[aria-label="Space-time window width"]').selectOption('100000');
    // Halfway through the entry's trip to the far replica: on the wire in both views.
    await seek(page, Math.round((w.sendUs + w.deliverUs) / 2));
    await expect(chip().count()).resolves.toBe(0);
    const p = await arrowMidpoint(page, w.primary, w.far, w.sendUs, 100_000);
    await page.mouse.click(p.x, p.y);
    await expect.poll(() => chip().count()).toBe(1);
    await expect(chip().locator('.follow-name').textContent()).resolves.toBe(`Following write #${w.op} to key ${w.key}`);
    await expect(chip().locator('[data-testid=follow-status]').textContent()).resolves.toMatch(new RegExp(`committed on ${w.primary}`));
  });

  it('the cluster highlights the path and dims the rest; each node shows where the write stands', async () => {
    const canvas = clusterCanvas();
    // The entry to the far replica is on the wire: highlighted; other traffic (the viewers' reads) dimmed.
    expect(Number(await canvas.getAttribute('data-follow-highlighted'))).toBeGreaterThanOrEqual(1);
    expect(Number(await canvas.getAttribute('data-dim-alpha'))).toBeLessThan(0.5);
    await expect(page.locator(`[data-testid=cluster-view] g.link[data-link="${[w.primary, w.far].sort().join('|')}"]`).getAttribute('class')).resolves.toMatch(/\bon-path\b/);
    await expect(page.locator(`[data-testid=cluster-view] g.link[data-link="${[w.group, w.primary].sort().join('|')}"]`).getAttribute('class')).resolves.toMatch(/\bon-path\b/);
    await expect(place(w.group).getAttribute('class')).resolves.toMatch(/\bon-path\b/);
    // The viewers have not read this key: dimmed, and drawn faint.
    const others = await page.evaluate((g) => window.__repsim!.run()!.timeline.groups.filter((x) => x !== g), w.group);
    expect(others.length).toBeGreaterThan(0);
    for (const g of others) {
      await expect(place(g).getAttribute('class')).resolves.toMatch(/\bdimmed\b/);
      expect(Number(await place(g).evaluate((el) => getComputedStyle(el).opacity))).toBeLessThan(0.5);
    }
    await expect(place(w.primary).getAttribute('data-follow')).resolves.toBe('committed');
    await expect(place(w.primary).locator('g.follow-tag text').textContent()).resolves.toBe(`committed · LSN ${w.lsn}`);
    await expect(place(w.far).getAttribute('data-follow')).resolves.toBe('not-received');
    await expect(place(w.far).locator('g.follow-tag text').textContent()).resolves.toBe('not received yet');
  });

  it('the space-time diagram draws the path bold and dims every other arrow', async () => {
    const canvas = stCanvas();
    await expect(canvas.getAttribute('data-following')).resolves.toBe(String(w.op));
    // Request, commit's ack, the log entries: at least the write request and the far entry.
    expect(Number(await canvas.getAttribute('data-follow-highlighted'))).toBeGreaterThanOrEqual(2);
    expect(Number(await canvas.getAttribute('data-follow-dimmed'))).toBeGreaterThan(0);
    expect(Number(await canvas.getAttribute('data-dim-alpha'))).toBeLessThan(0.5);
    // Issue and commit are in the window: their dots are drawn.
    expect(Number(await canvas.getAttribute('data-follow-events'))).toBeGreaterThanOrEqual(2);
  });

  it('stays followed while playing, and the far replica turns to applied', async () => {
    await page.evaluate(() => window.__repsim!.playhead.play());
    await page.waitForTimeout(300);
    await page.evaluate(() => window.__repsim!.playhead.pause());
    await expect(chip().count()).resolves.toBe(1);
    await seek(page, w.applyUs);
    await expect.poll(() => place(w.far).getAttribute('data-follow')).toBe('applied');
    await expect(place(w.far).locator('g.follow-tag text').textContent()).resolves.toBe('applied ✓');
    const all = w.replicas.length;
    await expect.poll(() => chip().locator('[data-testid=follow-status]').textContent()).toMatch(new RegExp(`applied on ${all} of ${all} replicas`));
  });

  it('the reads of its key flash fresh or stale, and the chip counts them', async () => {
    const reads = await page.evaluate(({ key, issueUs }) => window.__repsim!.records()
      .filter((r): r is Rec<'read.done'> => r.type === 'read.done' && r.key === key && r.t >= issueUs)
      .map((r) => ({ t: r.t, node: r.node, stale: r.stale })), { key: w.key, issueUs: w.issueUs });
    // own-photo-missing: the uploader reads its own photo 20 ms after the upload.
    expect(reads.length).toBeGreaterThan(0);
    const first = reads[0];
    await seek(page, first.t);
    await expect.poll(() => place(first.node).locator('g.flash').getAttribute('data-verdict')).toBe(first.stale ? 'stale' : 'fresh');
    const stale = reads.filter((r) => r.t <= first.t && r.stale).length;
    const fresh = reads.filter((r) => r.t <= first.t && !r.stale).length;
    await expect.poll(() => chip().locator('[data-testid=follow-status]').textContent())
      .toMatch(new RegExp(`reads of key ${w.key}: ${fresh} fresh, ${stale} stale`));
  });

  it('Esc clears it: nothing dimmed, the chip gone', async () => {
    await page.keyboard.press('Escape');
    await expect.poll(() => chip().count()).toBe(0);
    await expect(page.locator('[data-testid=cluster-view] g.place.dimmed').count()).resolves.toBe(0);
    await expect(page.locator('[data-testid=cluster-view] g.link.dimmed').count()).resolves.toBe(0);
    await expect(stCanvas().getAttribute('data-following')).resolves.toBe('');
    await expect(stCanvas().getAttribute('data-dim-alpha')).resolves.toBe('1');
  });

  it('by keyboard: the Follow button follows the latest write at the playhead; ✕ clears it', async () => {
    const latest = await page.evaluate(() => {
      const t = window.__repsim!.playhead.tUs;
      const issues = window.__repsim!.records().filter((r): r is Rec<'write.issue'> => r.type === 'write.issue' && r.t <= t);
      return issues[issues.length - 1];
    });
    await page.locator('[data-testid=follow-latest]').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => chip().count()).toBe(1);
    await expect(chip().locator('.follow-name').textContent()).resolves.toBe(`Following write #${latest.op} to key ${latest.key}`);
    await chip().getByRole('button', { name: /Stop following/ }).click();
    await expect.poll(() => chip().count()).toBe(0);
  });

  it('a key in the inspector’s log table follows the write that put that entry there', async () => {
    await place(w.primary).click();
    const row = page.locator('[data-testid=inspector] table.log-table tbody tr').first();
    const lsn = Number(await row.locator('td').first().textContent());
    const expected = await page.evaluate((l) => {
      const t = window.__repsim!.playhead.tUs;
      const commits = window.__repsim!.records().filter((r): r is Rec<'write.commit'> => r.type === 'write.commit' && r.lsn === l && r.t <= t);
      return commits[commits.length - 1];
    }, lsn);
    await row.locator('[data-testid=follow-key]').click();
    await expect.poll(() => chip().locator('.follow-name').textContent()).toBe(`Following write #${expected.op} to key ${expected.key}`);
    await page.keyboard.press('Escape');
    await expect.poll(() => chip().count()).toBe(0);
    expect(session.problems).toEqual([]);
  });
});
