/**
 * The cluster picture at the playhead as one standalone SVG: the links layer, the messages
 * canvas (as an embedded PNG image) and the nodes layer, with the page's computed styles
 * written onto each element (the file has no stylesheet), in the current colour scheme.
 */
const STYLE_PROPS = [
  'fill', 'fill-opacity', 'stroke', 'stroke-width', 'stroke-dasharray', 'stroke-opacity', 'opacity', 'display',
  'font-family', 'font-size', 'font-weight', 'font-style', 'letter-spacing', 'text-anchor', 'dominant-baseline',
  'paint-order', 'visibility',
];

function inlineStyles(source: Element, target: Element): void {
  const cs = getComputedStyle(source);
  const style = STYLE_PROPS.map((p) => `${p}:${cs.getPropertyValue(p)}`).join(';');
  target.setAttribute('style', style);
  target.removeAttribute('class');
  target.removeAttribute('tabindex');
  const s = source.children;
  const t = target.children;
  for (let i = 0; i < s.length && i < t.length; i++) inlineStyles(s[i], t[i]);
}

export function clusterFrameSvg(view: HTMLElement): { svg: string; width: number; height: number } {
  const { width, height, background, layers } = clusterFrameParts(view);
  const root = svgRoot(width, height);
  const bg = document.createElementNS(NS, 'rect');
  bg.setAttribute('width', '100%');
  bg.setAttribute('height', '100%');
  bg.setAttribute('fill', background);
  root.appendChild(bg);
  for (const layer of layers) {
    if (layer instanceof HTMLCanvasElement) {
      // The messages canvas, as an embedded PNG.
      const img = document.createElementNS(NS, 'image');
      img.setAttribute('width', String(width));
      img.setAttribute('height', String(height));
      img.setAttribute('href', layer.toDataURL('image/png'));
      root.appendChild(img);
    } else root.appendChild(layer);
  }
  return { svg: serialize(root), width, height };
}

/**
 * The same picture as separate layers, bottom first: each SVG layer a standalone SVG file,
 * each canvas layer the live canvas (a video draws it directly rather than through a PNG).
 */
export function clusterFrameLayers(view: HTMLElement): { width: number; height: number; background: string; layers: (string | HTMLCanvasElement)[] } {
  const parts = clusterFrameParts(view);
  const layers = parts.layers.map((layer) => {
    if (layer instanceof HTMLCanvasElement) return layer;
    const root = svgRoot(parts.width, parts.height);
    root.appendChild(layer);
    return serialize(root);
  });
  return { ...parts, layers };
}

const NS = 'http://www.w3.org/2000/svg';

function svgRoot(width: number, height: number): SVGSVGElement {
  const root = document.createElementNS(NS, 'svg');
  root.setAttribute('xmlns', NS);
  root.setAttribute('width', String(width));
  root.setAttribute('height', String(height));
  root.setAttribute('viewBox', `0 0 ${width} ${height}`);
  return root;
}

function serialize(root: SVGSVGElement): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(root)}\n`;
}

/** The view's layers, bottom first: SVG layers copied with their styles inlined; canvases as they are. */
function clusterFrameParts(view: HTMLElement): { width: number; height: number; background: string; layers: (SVGSVGElement | HTMLCanvasElement)[] } {
  const rect = view.getBoundingClientRect();
  const width = Math.round(rect.width);
  const height = Math.round(rect.height);
  const panel = view.closest('.panel') ?? view;
  const background = getComputedStyle(panel).backgroundColor || '#fff';
  const layers: (SVGSVGElement | HTMLCanvasElement)[] = [];
  for (const layer of view.querySelectorAll<SVGSVGElement | HTMLCanvasElement>('.layer')) {
    if (layer instanceof HTMLCanvasElement) {
      layers.push(layer);
      continue;
    }
    // Each layer keeps its own scaling (viewBox) as a nested svg.
    const copy = layer.cloneNode(true) as SVGSVGElement;
    inlineStyles(layer, copy);
    copy.setAttribute('x', '0');
    copy.setAttribute('y', '0');
    copy.removeAttribute('role');
    layers.push(copy);
  }
  return { width, height, background, layers };
}

/** The SVG drawn onto a canvas at the screen's pixel ratio, as PNG. */
export async function svgToPng(svg: string, width: number, height: number, scale = Math.max(1, window.devicePixelRatio || 1)): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    const img = new Image();
    img.src = url;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
    const ctx = canvas.getContext('2d')!;
    ctx.scale(scale, scale);
    ctx.drawImage(img, 0, 0, width, height);
    return await new Promise<Blob>((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('the browser could not encode a PNG'))), 'image/png'));
  } finally {
    URL.revokeObjectURL(url);
  }
}
