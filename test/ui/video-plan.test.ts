import { describe, expect, it } from 'vitest';
import { defaultVideoSpeed, frameTimes, spaceTimeRange, VIDEO_FPS, videoFileName, videoSeconds } from '../../src/ui/export/video-plan.ts';

describe('video export plan', () => {
  it('steps a fixed simulated time per frame and ends on the range end', () => {
    // 1 simulated second at 0.5× is 2 s of video: 60 steps of 1/60 s, then 1 s itself.
    const t = frameTimes(0, 1_000_000, 0.5);
    expect(t.length).toBe(61);
    expect(t.slice(0, 3)).toEqual([0, 16_667, 33_333]);
    expect(t.at(-1)).toBe(1_000_000);
    expect(new Set(t.slice(1).map((x, i) => Math.abs(x - t[i] - 1e6 / 60) <= 1))).toEqual(new Set([true]));
    expect(videoSeconds(0, 1_000_000, 0.5)).toBeCloseTo(61 / VIDEO_FPS, 9);
  });

  it('a range shorter than one step is its two ends', () => {
    expect(frameTimes(5_000, 6_000, 1)).toEqual([5_000, 6_000]);
  });

  it('keeps the playback speed when the video fits in a minute, else the slowest 1-2-5 speed that does', () => {
    expect(defaultVideoSpeed(30e6, 1)).toBe(1);
    // 30 s at 0.05× would be 600 s of video; 0.5× is 60 s.
    expect(defaultVideoSpeed(30e6, 0.05)).toBe(0.5);
    // 60 s needs 1×; 61 s needs more than 1×: 2×.
    expect(defaultVideoSpeed(60e6, 0.05)).toBe(1);
    expect(defaultVideoSpeed(61e6, 0.05)).toBe(2);
    expect(defaultVideoSpeed(3600e6, 0.05)).toBe(100);
  });

  it('names the file after scenario, seed and range', () => {
    expect(videoFileName('split-brain-seed5', 10_000_000, 14_500_000)).toBe('split-brain-seed5-t10s-t14.5s.webm');
  });

  it("the space-time window: 80 % of it before the playhead, 20 % after, inside the run", () => {
    expect(spaceTimeRange(10_000_000, 1_000_000, 30_000_000)).toEqual({ fromUs: 9_200_000, toUs: 10_200_000 });
    expect(spaceTimeRange(100_000, 1_000_000, 30_000_000)).toEqual({ fromUs: 0, toUs: 300_000 });
    expect(spaceTimeRange(30_000_000, 1_000_000, 30_000_000)).toEqual({ fromUs: 29_200_000, toUs: 30_000_000 });
  });
});
