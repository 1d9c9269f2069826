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
  const { width, height } = view.getBoundingClientRect();
  const layers = [...view.querySelectorAll<SVGSVGElement | HTMLCanvasElement>('.layer')];
  const ns = 'http://www.w3.org/2000/svg';
  const root = document.createElementNS(ns, 'svg');
  root.setAttribute('xmlns', ns);
  root.setAttribute('width', String(Math.round(width)));
  root.setAttribute('height', String(Math.round(height)));
  root.setAttribute('viewBox', `0 0 ${Math.round(width)} ${Math.round(height)}`);
  const panel = view.closest('.panel') ?? view;
  const bg = document.createElementNS(ns, 'rect');
  bg.setAttribute('width', '100%');
  bg.setAttribute('height', '100%');
  bg.setAttribute('fill', getComputedStyle(panel).backgroundColor || '#fff');
  root.appendChild(bg);
  for (const layer of layers) {
    if (layer instanceof HTMLCanvasElement) {
      const img = document.createElementNS(ns, 'image');
      img.setAttribute('width', String(Math.round(width)));
      img.setAttribute('height', String(Math.round(height)));
      img.setAttribute('href', layer.toDataURL('image/png'));
      root.appendChild(img);
      continue;
    }
    // Each layer keeps its own scaling (viewBox) as a nested svg.
    const copy = layer.cloneNode(true) as SVGSVGElement;
    inlineStyles(layer, copy);
    copy.setAttribute('x', '0');
    copy.setAttribute('y', '0');
    copy.removeAttribute('role');
    root.appendChild(copy);
  }
  const svg = `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(root)}\n`;
  return { svg, width: Math.round(width), height: Math.round(height) };
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
