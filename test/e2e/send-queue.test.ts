import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { hasChromium, openBuiltin, openVisualizer, seek } from './harness.ts';
import type { Session } from './harness.ts';

// The send queue at the sender (issue 11 item 2): in the async-failover lesson a burst above
// the replicas' 10 Mbit/s links queues at the primary, and its crash at 8 s empties the queue.
describe.skipIf(!hasChromium)('send queues in the cluster view (dev server)', () => {
  let session: Session;
  let page: Page;

  beforeAll(async () => {
    session = await openVisualizer({ width: 1280, height: 800 });
    ({ page } = session);
  });

  afterAll(() => session?.close());

  const queued = () => page.locator('[data-testid=link-queue]').evaluateAll((els) => els.map((e) => e.textContent ?? '').filter((t) => t !== ''));

  it('shows the backlog on the primary’s links during the burst, and none once the crash has emptied it', async () => {
    await openBuiltin(page, 'async-failover-loses-writes.yaml');
    await seek(page, 7_900_000);
    // Two links (one per replica), each holding hundreds of kilobytes: about 0.9 s of burst
    // above the link's rate.
    await expect.poll(queued).toHaveLength(2);
    for (const t of await queued()) expect(t).toMatch(/^▤ \d+ kB queued$|^▤ \d+\.\d MB queued$/);
    await seek(page, 8_100_000);
    await expect.poll(queued).toHaveLength(0);
  });
});
