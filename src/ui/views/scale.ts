/**
 * How much views that draw themselves (the charts, the space-time diagram) enlarge their
 * text, marks and margins on a big screen: the page's `--view-scale` (screens.css: 1, then
 * 1.15 from 1800 px and 1.35 from 2400 px wide, the zoom of the text panels beside them).
 * Such a view draws in units of `scale` CSS pixels (an SVG viewBox, or a canvas transform on
 * top of the device pixel ratio), so it still fills its box, sharp at any pixel ratio.
 */
export function viewScale(el: Element): number {
  const v = parseFloat(getComputedStyle(el).getPropertyValue('--view-scale'));
  return Number.isFinite(v) && v > 0 ? v : 1;
}
