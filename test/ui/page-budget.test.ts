import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScenario, scenarioFromObject } from '../../src/scenario/index.ts';
import { estimateWork } from '../../src/scenario/work-estimate.ts';
import { checkPageBudget, PAGE_EVENT_BUDGET, PAGE_MEMORY_BUDGET_BYTES, roundDown } from '../../src/ui/worker/budget.ts';
import { progressPoster, timeLeftMs } from '../../src/ui/worker/progress.ts';
import type { RunProgress } from '../../src/ui/worker/progress.ts';
import { builtinScenarioFiles, SCENARIO_DIR } from '../scenario/builtin-files.ts';

const photo = parseScenario(readFileSync(join(SCENARIO_DIR, 'photo-upload.yaml'), 'utf8'), 'photo-upload.yaml');
const withDoc = (patch: Record<string, unknown>) => scenarioFromObject({ ...(photo.document as object), ...patch }, 'photo-upload.yaml').config;

describe("the page's work budget", () => {
  it('lets every built-in scenario run', () => {
    for (const f of builtinScenarioFiles()) {
      const s = parseScenario(readFileSync(join(SCENARIO_DIR, f), 'utf8'), f);
      expect(checkPageBudget(s.config), f).toBeNull();
    }
  });

  it('refuses 24000 h with the estimate and its drivers, and suggests a round duration that fits', () => {
    const config = withDoc({ duration: '24000h' });
    const verdict = checkPageBudget(config)!;
    expect(verdict.durationUs).toBe(24_000 * 3600e6);
    expect(verdict.events).toBeGreaterThan(PAGE_EVENT_BUDGET);
    expect(verdict.reasons[0]).toMatch(/^about [\d.]+[KMBT] events, over the page's 3M; mostly workload\[\d\]\.(writes|reads)/);
    const s = verdict.shorterDurationS!;
    expect([1, 2, 5]).toContain(s / 10 ** Math.floor(Math.log10(s)));
    expect(estimateWork({ ...config, durationUs: s * 1e6 }).events).toBeLessThanOrEqual(PAGE_EVENT_BUDGET);
    // The next round duration up would not fit: the suggestion is the longest that does.
    const next = s / 10 ** Math.floor(Math.log10(s)) === 2 ? s * 2.5 : s * 2;
    expect(estimateWork({ ...config, durationUs: next * 1e6 }).events).toBeGreaterThan(PAGE_EVENT_BUDGET);
  });

  it('suggests no shorter run when the memory does not depend on the duration', () => {
    // 10 million keys on 100 nodes: the key tables alone are gigabytes, however short the run.
    const replica = photo.config.nodes[1];
    const config = { ...photo.config, keyCount: 10_000_000, nodes: [photo.config.nodes[0], ...Array.from({ length: 99 }, (_, i) => ({ ...replica, id: `r${i}` }))] };
    const verdict = checkPageBudget(config)!;
    expect(verdict.memoryBytes).toBeGreaterThan(PAGE_MEMORY_BUDGET_BYTES);
    expect(verdict.reasons.join(' ')).toMatch(/MB of state, over the page's 256 MB; mostly keys × nodes/);
    expect(verdict.shorterDurationS).toBeNull();
  });

  it("refuses the issue's 10 replicas × 10 minutes at 500 writes/s (it could not be handed to the page)", () => {
    const [primary, replica] = photo.config.nodes;
    const group = photo.config.workload[0];
    const config = {
      ...photo.config, durationUs: 600e6,
      nodes: [primary, ...Array.from({ length: 10 }, (_, i) => ({ ...replica, id: `r${i}` }))],
      workload: [{ ...group, writes: { ...group.writes!, rate: [{ atUs: 0, perSec: 500 }] } }],
    };
    const verdict = checkPageBudget(config)!;
    // 300 k writes × (4 + 4 × 10 replicas) events, plus the uploaders' own-photo reads.
    expect(verdict.reasons[0]).toMatch(/^about 14\.1M events, over the page's 3M; mostly workload\[0\]\.writes\.rate × nodes: 14\.1 million events/);
    expect(verdict.shorterDurationS).toBe(100);
  });

  it('rounds down to 1, 2 or 5 × 10^k', () => {
    expect([0.5, 1, 1.9, 2, 4.99, 5, 9.9, 10, 1234, 86_400].map(roundDown)).toEqual([0, 1, 1, 2, 2, 5, 5, 10, 1000, 50_000]);
  });
});

describe('progress messages', () => {
  it('post at most one per 150 ms of wall time, and always the last slice', () => {
    let clock = 0;
    const posted: RunProgress[] = [];
    const onProgress = progressPoster((p) => posted.push(p), 7, 200, () => clock);
    for (let i = 1; i <= 200; i++) {
      clock += 10;
      onProgress(i, i * 1000);
    }
    // 2000 ms of wall time: the first slice, then one per 150 ms (every 15th slice), and the end.
    expect(posted.map((p) => p.simulatedUs)).toEqual([1, 16, 31, 46, 61, 76, 91, 106, 121, 136, 151, 166, 181, 196, 200]);
    expect(posted.at(-1)).toEqual({ type: 'progress', runId: 7, simulatedUs: 200, durationUs: 200, events: 200_000, eventsPerSec: 100_000, elapsedMs: 2000 });
  });

  it('estimate the time left from the simulated time reached, once it means something', () => {
    expect(timeLeftMs({ simulatedUs: 25, durationUs: 100, elapsedMs: 1000 })).toBe(3000);
    expect(timeLeftMs({ simulatedUs: 25, durationUs: 100, elapsedMs: 100 })).toBeNull();
    expect(timeLeftMs({ simulatedUs: 0, durationUs: 100, elapsedMs: 1000 })).toBeNull();
  });
});
