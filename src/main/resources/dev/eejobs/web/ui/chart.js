// The throughput chart: jobs finished per minute as stacked bars, drawn as inline SVG.
import {s, h} from './dom.js';

const SERIES = [
  ['succeeded', 'Succeeded', 'bar-ok'],
  ['dead', 'Dead (failed for good)', 'bar-dead'],
  ['cancelled', 'Cancelled', 'bar-cancelled'],
];

export function throughputChart(minutes) {
  const width = 720, height = 180, left = 40, bottom = 20, top = 10;
  const failures = minutes.some(m => typeof m.failedAttempts === 'number');
  const max = Math.max(1, ...minutes.map(m => Math.max(m.succeeded + m.dead + m.cancelled, m.failedAttempts || 0)));
  const step = (width - left) / Math.max(1, minutes.length);
  const scale = (height - bottom - top) / max;
  const svg = s('svg', {viewBox: `0 0 ${width} ${height}`, class: 'chart', role: 'img',
    'aria-label': `Jobs finished per minute over the last ${minutes.length} minutes; peak ${max}`});
  svg.append(s('line', {x1: left, y1: height - bottom, x2: width, y2: height - bottom, class: 'axis'}));
  svg.append(s('text', {x: left - 4, y: top + 8, class: 'tick', 'text-anchor': 'end'}, String(max)));
  svg.append(s('text', {x: left - 4, y: height - bottom, class: 'tick', 'text-anchor': 'end'}, '0'));
  minutes.forEach((m, i) => {
    let y = height - bottom;
    const x = left + i * step + 1;
    for (const [key, label, cls] of SERIES) {
      const n = m[key] || 0;
      if (!n) continue;
      const barHeight = Math.max(1, n * scale);
      y -= barHeight;
      const bar = s('rect', {x, y, width: Math.max(1, step - 2), height: barHeight, class: cls});
      bar.append(s('title', {}, `${new Date(m.minute).toLocaleTimeString()}: ${n} ${label.toLowerCase()}`));
      svg.append(bar);
    }
    if (i % 10 === 0) {
      svg.append(s('text', {x, y: height - 5, class: 'tick'},
        new Date(m.minute).toLocaleTimeString(undefined, {hour: '2-digit', minute: '2-digit'})));
    }
  });
  if (failures) {
    // failed attempts (retried or not) as a line over the bars: attempts, not jobs
    const points = minutes.map((m, i) => `${left + i * step + step / 2},${height - bottom - (m.failedAttempts || 0) * scale}`);
    svg.append(s('polyline', {points: points.join(' '), class: 'line-failed'}));
  }
  const totals = SERIES.map(([key, label, cls]) => h('li', {},
    h('span', {class: `swatch ${cls}`}), ` ${label}: ${minutes.reduce((sum, m) => sum + (m[key] || 0), 0)}`));
  if (failures) {
    totals.push(h('li', {}, h('span', {class: 'swatch line-failed'}),
      ` Failed attempts: ${minutes.reduce((sum, m) => sum + (m.failedAttempts || 0), 0)}`));
  }
  return h('figure', {class: 'throughput'}, svg, h('figcaption', {}, h('ul', {class: 'legend'}, totals)));
}

/** Busy and idle workers of one node, as a bar. */
export function workerBar(busy, workers) {
  const total = Math.max(1, workers);
  const bar = h('div', {class: 'workers', role: 'img', 'aria-label': `${busy} of ${workers} workers busy`});
  const fill = h('div', {class: 'workers-busy'});
  fill.style.width = `${Math.round((100 * busy) / total)}%`;
  bar.append(fill);
  return bar;
}
