import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { hasChromium, openBuiltin, openVisualizer, seek, waitForRun } from './harness.ts';
import type { Session } from './harness.ts';

// Issue 5 in the browser: violations where they happen, why reads went where, the lag monitor.
describe.skipIf(!hasChromium)('read routing and the lag monitor (dev server)', () => {
  let session: Session;
  let page: Page;
  let problems: string[];
  let runId = 0;

  const open = async (name: string) => {
    runId = await openBuiltin(page, `${name}.yaml`);
  };
  /** Serve time of the first read with the given violation. */
  const firstViolation = (kind: 'rywViolation' | 'monotonicViolation') =>
    page.evaluate((k) => window.__repsim!.reads().find((r) => r[k])!.tUs, kind);

  beforeAll(async () => {
    session = await openVisualizer();
    ({ page, problems, runId } = session);
  });

  afterAll(() => session?.close());

  it('marks read-your-writes violations at the replica that served them (own-photo-missing)', async () => {
    await open('own-photo-missing');
    const t = await firstViolation('rywViolation');
    await seek(page, t + 1000);
    const mark = page.locator('g.place.node[data-id=db-eu] g.viol text.ryw');
    await expect(mark.textContent()).resolves.toMatch(/⚠ RYW violations: [1-9]/);
    await expect(mark.getAttribute('class')).resolves.toContain('hot');
    await expect(page.locator('g.place.node[data-id=db-2] g.viol text.ryw').textContent()).resolves.toBe('');
    await expect(page.locator('[data-testid=group-reads] tr[data-group=uploaders] [data-testid=group-ryw]').textContent()).resolves.toMatch(/⚠ [1-9]/);
    await expect(page.locator('[data-testid=group-reads] tr[data-group=viewers] [data-testid=group-ryw]').textContent()).resolves.toBe('0');
  });

  it('marks monotonic violations and counts them per group (comment-counts-backwards)', async () => {
    await open('comment-counts-backwards');
    const t = await firstViolation('monotonicViolation');
    await seek(page, t + 500);
    await expect(page.locator('g.place.node[data-id=db-slow] g.viol text.mono').textContent()).resolves.toMatch(/↶ went backwards: [1-9]/);
    await expect(page.locator('[data-testid=group-reads] tr[data-group=readers] [data-testid=group-mono]').textContent()).resolves.toMatch(/↶ [1-9]/);
    await expect(page.locator('[data-testid=group-reads] tr[data-group=sticky-readers] [data-testid=group-mono]').textContent()).resolves.toBe('0');
  });

  it("shows why a read went where it went, with the session token and the hold (own-photo-fix-ryw-wait)", async () => {
    await open('own-photo-fix-ryw-wait');
    const t = await page.evaluate(() => {
      const tl = window.__repsim!.run()!.timeline;
      return window.__repsim!.records().find((r) => r.type === 'read.wait')!.t;
    });
    await seek(page, t + 100);
    await expect(page.locator('g.place.node[data-id=db-eu] g.viol text.hold').textContent()).resolves.toMatch(/holding 1 read until LSN \d+/);
    // Once the held read's reply has arrived (when a read counts), it is among the replica's recent reads.
    const replied = await page.evaluate((waitT) => {
      const recs = window.__repsim!.records();
      const w = recs.find((r) => r.type === 'read.wait' && r.t === waitT)! as { op: number };
      return recs.find((r) => r.type === 'read.done' && r.op === w.op)!.t;
    }, t);
    await seek(page, replied + 10);
    await page.locator('g.place.node[data-id=db-eu] rect.card').focus();
    await page.keyboard.press('Enter');
    const why = page.locator('[data-testid=inspector] tr.why').filter({ hasText: 'held' }).first();
    await expect(why.textContent()).resolves.toMatch(/wait for token lsn \d+ .*held [\d.]+ ms at db-eu for LSN \d+/);
  });

  it('charts true lag against Seconds_Behind_Master for every replica (cross-region-replica)', async () => {
    await open('cross-region-replica');
    const chart = page.locator('[data-testid=monitor-chart]');
    // Attached, not "visible": a Seconds_Behind_Master line that reads 0 all along is flat, and a
    // flat path has an empty box, which Playwright counts as hidden.
    await chart.locator('path.mon-sbm').first().waitFor({ state: 'attached' });
    await expect(chart.locator('path.mon-true').count()).resolves.toBe(2);
    await expect(chart.locator('path.mon-sbm').count()).resolves.toBe(2);
    await expect(chart.locator('.mon-limit-label').textContent()).resolves.toContain('maxLag 1 s');
    await expect(chart.locator('figcaption').textContent()).resolves.toContain('Seconds_Behind_Master');
    // A sample where db-eu is ~80 ms behind while Seconds_Behind_Master reads 0.
    const t = await page.evaluate(() => {
      const recs = window.__repsim!.records();
      return recs.find((r) => r.type === 'monitor' && r.node === 'db-eu' && r.trueLagUs > 50_000 && r.secondsBehindUs === 0)!.t;
    });
    await seek(page, t + 1);
    await expect(page.locator('[data-testid=monitor-readout]').textContent()).resolves.toMatch(/db-eu: true \d+(\.\d+)? ms, SBM 0 ⚠ SBM lies/);
    // Under it, the figure as MySQL prints it: whole seconds, from the same record.
    const sbs = await page.evaluate((at) => window.__repsim!.records().find((r) => r.type === 'monitor' && r.node === 'db-eu' && r.t === at)!, t);
    if (sbs.type !== 'monitor') throw new Error('not a monitor record');
    await expect(page.locator('[data-testid=monitor-readout] div').filter({ hasText: 'db-eu:' }).locator('small').textContent()).resolves.toBe(`Seconds_Behind_Source ${sbs.secondsBehindSource === null ? 'NULL' : sbs.secondsBehindSource}`);
    await chart.locator('[data-testid=monitor-lsn]').check();
    await chart.locator('path.mon-lsn').nth(1).waitFor({ state: 'attached' });
    await expect(chart.locator('path.mon-lsn').count()).resolves.toBe(2);
    // The slot switches to the write-latency histogram and back, by keyboard.
    await page.locator('.chart-switch button').nth(1).focus();
    await page.keyboard.press('Enter');
    await chart.waitFor({ state: 'detached' });
    await page.locator('[data-testid=show-monitor]').focus();
    await page.keyboard.press('Enter');
    await expect(page.locator('[data-testid=monitor-chart]').count()).resolves.toBe(1);
  });

  it("shows the replica's row in the primary's pg_stat_replication, write_lag ahead of flush_lag (a file with standby status replies)", async () => {
    // As test/model/pg-stat-replication.test.ts: 20 ms each way, 0.5 ms flush and apply, remote_apply.
    const yaml = `
name: pg-stat-lags
seed: 2
duration: 10s
nodes:
  - { id: p, role: primary }
  - { id: s, role: replica }
replication: { mode: sync, ackOn: apply, commitTime: 0.2ms, flushTime: 0.5ms, applyTime: 0.5ms }
network: { latency: 20ms, clientLatency: 0.5ms }
workload:
  - { name: w, sessions: 10, writes: { rate: 10/s, keys: 1000 } }
monitor: { interval: 250ms, standbyStatus: true }
`;
    const before = runId;
    await page.locator('[data-testid=tab-scenario]').click();
    await page.locator('[data-testid=file-input]').setInputFiles({ name: 'pg-stat-lags.yaml', mimeType: 'application/yaml', buffer: Buffer.from(yaml) });
    runId = await waitForRun(page, before);
    await seek(page, 5_000_000);
    const readout = page.locator('[data-testid=monitor-readout] small');
    await readout.first().waitFor({ state: 'attached' });
    await expect(readout.first().textContent()).resolves.toBe('Seconds_Behind_Source 0 · pg_stat_replication write_lag 40 ms, flush_lag 40.5 ms, replay_lag 41 ms');
  });

  it('logged no console errors or warnings', () => {
    expect(problems).toEqual([]);
  });
});
