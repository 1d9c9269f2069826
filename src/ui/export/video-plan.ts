import { timeTag } from './files.ts';

/**
 * What a video export will be, before anything is recorded: its frames' simulated times,
 * its length and its file name. Pure, so the dialog can show it and tests can check it.
 */

/** Video frames per second. */
export const VIDEO_FPS = 30;

/** A default video longer than this is sped up (to a 1-2-5 speed) so the whole run fits. */
export const DEFAULT_VIDEO_MAX_S = 60;

/** The simulated times of the frames: fromUs, fromUs + one step, …, and toUs itself last. */
export function frameTimes(fromUs: number, toUs: number, speed: number, fps = VIDEO_FPS): number[] {
  const stepUs = (speed * 1e6) / fps;
  const out: number[] = [];
  for (let i = 0; ; i++) {
    const t = Math.round(fromUs + i * stepUs);
    if (t >= toUs) break;
    out.push(t);
  }
  out.push(toUs);
  return out;
}

/** Seconds of video the range makes at `speed` simulated seconds per video second. */
export function videoSeconds(fromUs: number, toUs: number, speed: number): number {
  return frameTimes(fromUs, toUs, speed).length / VIDEO_FPS;
}

/**
 * The speed a video starts with: the page's playback speed, unless that would make the range
 * longer than DEFAULT_VIDEO_MAX_S; then the slowest 1-2-5 speed that fits.
 */
export function defaultVideoSpeed(rangeUs: number, playSpeed: number): number {
  const need = rangeUs / 1e6 / DEFAULT_VIDEO_MAX_S;
  if (playSpeed >= need) return playSpeed;
  let p = 10 ** Math.floor(Math.log10(need));
  for (;;) {
    for (const m of [1, 2, 5]) if (m * p >= need) return m * p;
    p *= 10;
  }
}

/** `split-brain-seed5-t10s-t14.5s.webm`: the base (scenario and seed), then the range. */
export function videoFileName(base: string, fromUs: number, toUs: number): string {
  return `${base}-${timeTag(fromUs)}-${timeTag(toUs)}.webm`;
}

/**
 * The range the space-time diagram shows around the playhead (its window: 80 % before, 20 %
 * after, as SpaceTime.tsx draws it), kept inside the run.
 */
export function spaceTimeRange(tUs: number, windowUs: number, endUs: number): { fromUs: number; toUs: number } {
  const fromUs = Math.max(0, Math.round(tUs - windowUs * 0.8));
  const toUs = Math.min(endUs, Math.round(tUs + windowUs * 0.2));
  return { fromUs, toUs: toUs > fromUs ? toUs : Math.min(endUs, fromUs + windowUs) };
}
