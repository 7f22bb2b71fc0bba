// A bar chart in SVG of one metric's totals per year; the table below it holds the same figures
// for screen readers and keyboards (the chart is an image with a text description).
import { formatNumber } from './graphql.js';

const SVG = 'http://www.w3.org/2000/svg';

function svg(tag, attributes = {}, text) {
  const node = document.createElementNS(SVG, tag);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, String(value));
  if (text !== undefined) node.textContent = text;
  return node;
}

/** `points`: [{ label, value (null when suppressed or missing), symbol (':' or '..') }]. */
export function barChart(figure, title, points) {
  const width = 640;
  const height = 260;
  const top = 24;
  const bottom = 40;
  const left = 16;
  const max = Math.max(1, ...points.map((p) => p.value ?? 0));
  const step = (width - left * 2) / Math.max(1, points.length);
  const barWidth = Math.min(56, step * 0.6);
  const titleId = `${figure.id}-title`;
  const descId = `${figure.id}-desc`;
  const root = svg('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-labelledby': `${titleId} ${descId}` });
  root.append(svg('title', { id: titleId }, title));
  const description = points.map((p) => `${p.label}: ${p.value === null ? (p.symbol === ':' ? 'skjult' : 'ingen data') : formatNumber(p.value)}`).join(', ');
  root.append(svg('desc', { id: descId }, description));
  points.forEach((p, i) => {
    const x = left + i * step + (step - barWidth) / 2;
    const base = height - bottom;
    if (p.value === null) {
      root.append(svg('rect', { class: 'suppressed', x, y: base - 24, width: barWidth, height: 24 }));
      root.append(svg('text', { x: x + barWidth / 2, y: base - 30, 'text-anchor': 'middle' }, p.symbol));
    } else {
      const h = Math.round(((height - top - bottom) * p.value) / max);
      root.append(svg('rect', { class: 'bar', x, y: base - h, width: barWidth, height: h }));
      root.append(svg('text', { x: x + barWidth / 2, y: base - h - 6, 'text-anchor': 'middle' }, formatNumber(p.value)));
    }
    root.append(svg('text', { x: x + barWidth / 2, y: height - bottom + 20, 'text-anchor': 'middle' }, p.label));
  });
  const caption = document.createElement('figcaption');
  caption.className = 'ds-paragraph';
  caption.dataset.size = 'sm';
  caption.textContent = `${title}. Stiplet søyle: skjult eller ingen data.`;
  figure.replaceChildren(root, caption);
}
