import { frameAt } from '../state/index.ts';
import type { Frame, Timeline } from '../state/index.ts';

export const SPEED_MIN = 0.01;
export const SPEED_MAX = 1000;
/** Playback speed of a fresh page (an address without `speed=`). */
export const DEFAULT_SPEED = 0.05;

/**
 * The playhead: simulated time, play state and speed, outside React so views can redraw
 * every animation frame without re-rendering the page. Playback sits on top of simulated
 * time: each wall-clock second advances `speed` simulated seconds.
 */
export class Playhead {
  timeline: Timeline | null = null;
  tUs = 0;
  playing = false;
  speed = DEFAULT_SPEED;
  /** Lesson mode: time charts cover what is after the playhead. */
  hideFuture = false;
  /** Main-thread time spent redrawing per animation frame while playing (for the speed tests). */
  readonly frameWork = { frames: 0, maxMs: 0, totalMs: 0 };
  private frameCache: Frame | null = null;
  private listeners = new Set<() => void>();
  private raf = 0;
  private lastWallMs = 0;

  subscribe = (fn: () => void): (() => void) => {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  };

  private emit(): void {
    for (const fn of this.listeners) fn();
  }

  setTimeline(tl: Timeline | null, keepTime: boolean): void {
    this.timeline = tl;
    this.frameCache = null;
    if (!keepTime) this.tUs = 0;
    if (tl) this.tUs = Math.min(this.tUs, tl.endUs);
    this.emit();
  }

  /** The derived state at the playhead, computed at most once per distinct time. */
  frame(): Frame | null {
    const tl = this.timeline;
    if (!tl) return null;
    if (!this.frameCache || this.frameCache.tUs !== this.tUs) this.frameCache = frameAt(tl, this.tUs);
    return this.frameCache;
  }

  seek(tUs: number): void {
    const end = this.timeline?.endUs ?? 0;
    this.tUs = Math.max(0, Math.min(end, Math.round(tUs)));
    if (this.tUs >= end) this.pause();
    this.emit();
  }

  /** Redraw without moving (after a selection change, say). */
  refresh(): void {
    this.emit();
  }

  setSpeed(speed: number): void {
    this.speed = Math.max(SPEED_MIN, Math.min(SPEED_MAX, speed));
    this.emit();
  }

  play(): void {
    if (this.playing || !this.timeline) return;
    if (this.tUs >= this.timeline.endUs) this.tUs = 0;
    this.playing = true;
    this.lastWallMs = performance.now();
    this.raf = requestAnimationFrame(this.tick);
    this.emit();
  }

  pause(): void {
    if (!this.playing) return;
    this.playing = false;
    cancelAnimationFrame(this.raf);
    this.emit();
  }

  toggle(): void {
    if (this.playing) this.pause();
    else this.play();
  }

  private tick = (nowMs: number): void => {
    if (!this.playing) return;
    // Cap the step so a background tab coming back does not leap across the run.
    const wallMs = Math.min(100, Math.max(0, nowMs - this.lastWallMs));
    this.lastWallMs = nowMs;
    const started = performance.now();
    this.seek(this.tUs + wallMs * 1000 * this.speed);
    const workMs = performance.now() - started;
    this.frameWork.frames++;
    this.frameWork.totalMs += workMs;
    this.frameWork.maxMs = Math.max(this.frameWork.maxMs, workMs);
    if (this.playing) this.raf = requestAnimationFrame(this.tick);
  };
}

/** Speed ↔ slider position on a log scale: 0 ↔ 0.01×, 1 ↔ 1000×. */
export function speedToSlider(speed: number): number {
  return Math.log10(speed / SPEED_MIN) / Math.log10(SPEED_MAX / SPEED_MIN);
}

export function sliderToSpeed(x: number): number {
  const s = SPEED_MIN * Math.pow(SPEED_MAX / SPEED_MIN, x);
  // Snap to 1-2-5 steps near the thumb so the label reads cleanly.
  const p = Math.pow(10, Math.floor(Math.log10(s)));
  const m = s / p;
  const snapped = m < 1.5 ? 1 : m < 3.5 ? 2 : m < 7.5 ? 5 : 10;
  return snapped * p;
}
