import type { Playhead } from '../hooks/playhead.ts';
import { clusterFrameLayers } from './frame.ts';
import { frameTimes, VIDEO_FPS } from './video-plan.ts';

/**
 * A time range of the cluster view as a WebM video, for slides. The playhead steps a fixed
 * simulated time per video frame (never by wall clock), so the same range, speed and window
 * size give the same frames on every machine; each frame is the cluster picture the PNG export
 * makes, drawn onto a canvas whose stream MediaRecorder encodes.
 *
 * Loaded on demand (a dynamic import from the export dialog): the first view does not pay for it.
 */

/** Codecs in order of preference; the first the browser can record is used. */
const MIME_TYPES = ['video/webm;codecs=vp9', 'video/webm;codecs=vp8', 'video/webm'];

export function webmMimeType(): string | null {
  if (typeof MediaRecorder === 'undefined') return null;
  return MIME_TYPES.find((t) => MediaRecorder.isTypeSupported(t)) ?? null;
}

/** A slide is shown large: a small cluster view is drawn at least this wide. */
const VIDEO_MIN_WIDTH_PX = 1280;

export interface VideoRequest {
  view: HTMLElement;
  playhead: Playhead;
  fromUs: number;
  toUs: number;
  /** Simulated seconds per second of video. */
  speed: number;
  signal: AbortSignal;
  onProgress: (done: number, total: number) => void;
}

export class Cancelled extends Error {
  constructor() {
    super('cancelled');
  }
}

/** Records the range; resolves to the WebM file. The playhead is left where it was. */
export async function recordVideo(req: VideoRequest): Promise<Blob> {
  const mimeType = webmMimeType();
  if (!mimeType) throw new Error('this browser cannot record WebM video (MediaRecorder)');
  const { view, playhead } = req;
  const start = clusterFrameLayers(view);
  if (start.width < 10 || start.height < 10) throw new Error('the cluster view is not on screen');
  // At least the screen's pixel ratio (crisp text), and at least VIDEO_MIN_WIDTH_PX wide
  // (slides are shown large; SVG layers are drawn at that size, not stretched), at most 3×.
  const scale = Math.max(1, window.devicePixelRatio || 1, Math.min(3, VIDEO_MIN_WIDTH_PX / start.width));
  // Video encoders want even sizes.
  const canvas = document.createElement('canvas');
  canvas.width = even(start.width * scale);
  canvas.height = even(start.height * scale);
  const ctx = canvas.getContext('2d')!;
  ctx.scale(canvas.width / start.width, canvas.height / start.height);
  // A stream of 0 fps takes a frame only when asked (requestFrame), after each one is drawn.
  const stream = canvas.captureStream(0);
  const track = stream.getVideoTracks()[0] as CanvasCaptureMediaStreamTrack;
  const recorder = new MediaRecorder(stream, { mimeType, videoBitsPerSecond: 4_000_000 });
  const chunks: Blob[] = [];
  recorder.ondataavailable = (e) => {
    if (e.data.size > 0) chunks.push(e.data);
  };
  const stopped = new Promise<void>((resolve) => {
    recorder.onstop = () => resolve();
  });

  const wasPlaying = playhead.playing;
  const wasUs = playhead.tUs;
  playhead.pause();
  const times = frameTimes(req.fromUs, req.toUs, req.speed);
  const frameMs = 1000 / VIDEO_FPS;
  recorder.start();
  try {
    let overstayMs = 0;
    for (let i = 0; i < times.length; i++) {
      if (req.signal.aborted) throw new Cancelled();
      // MediaRecorder stamps frames with the wall clock. While a frame is drawn (which may take
      // longer than 1/fps) the recorder is paused, so that time is not in the video; then the
      // frame is shown for exactly its 1/fps of a second.
      if (i > 0) recorder.pause();
      // The cluster view redraws synchronously when the playhead moves.
      playhead.seek(times[i]);
      await drawFrame(ctx, view, start.width, start.height);
      if (i > 0) recorder.resume();
      track.requestFrame();
      // Timers overshoot by a millisecond or two; what one frame overstays the next makes up.
      const shownFrom = performance.now();
      await sleep(Math.max(0, frameMs - overstayMs));
      overstayMs += performance.now() - shownFrom - frameMs;
      req.onProgress(i + 1, times.length);
    }
  } finally {
    recorder.stop();
    await stopped;
    for (const t of stream.getTracks()) t.stop();
    playhead.seek(wasUs);
    if (wasPlaying) playhead.play();
  }
  if (req.signal.aborted) throw new Cancelled();
  return new Blob(chunks, { type: 'video/webm' });
}

async function drawFrame(ctx: CanvasRenderingContext2D, view: HTMLElement, width: number, height: number): Promise<void> {
  const frame = clusterFrameLayers(view);
  // Images first (decoding is asynchronous); then everything is drawn at once.
  const urls: string[] = [];
  try {
    const images = await Promise.all(frame.layers.map(async (l) => {
      if (typeof l !== 'string') return l;
      const url = URL.createObjectURL(new Blob([l], { type: 'image/svg+xml' }));
      urls.push(url);
      const img = new Image();
      img.src = url;
      await img.decode();
      return img;
    }));
    ctx.fillStyle = frame.background;
    ctx.fillRect(0, 0, width, height);
    for (const img of images) ctx.drawImage(img, 0, 0, width, height);
  } finally {
    for (const url of urls) URL.revokeObjectURL(url);
  }
}

function even(x: number): number {
  return Math.max(2, 2 * Math.round(x / 2));
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
