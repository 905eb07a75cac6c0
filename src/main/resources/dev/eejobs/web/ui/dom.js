// Small DOM helpers: every text goes in as text (never as HTML), so data cannot inject markup.

/** h('a', {href: '#/', class: 'x', onclick: fn}, 'text', child) */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
    else if (key === 'class') el.className = value;
    else if (key === 'dataset') Object.assign(el.dataset, value);
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

const SVG = 'http://www.w3.org/2000/svg';

export function s(tag, attrs, ...children) {
  const el = document.createElementNS(SVG, tag);
  for (const [key, value] of Object.entries(attrs || {})) el.setAttribute(key, String(value));
  append(el, children);
  return el;
}

export function replace(el, ...children) {
  el.replaceChildren();
  append(el, children);
}

/** "12s", "5m 3s", "2h 10m", "3d 4h" */
export function age(seconds) {
  if (seconds === null || seconds === undefined) return '—';
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m ${s % 60}s`;
  if (s < 86400) return `${Math.floor(s / 3600)}h ${Math.floor((s % 3600) / 60)}m`;
  return `${Math.floor(s / 86400)}d ${Math.floor((s % 86400) / 3600)}h`;
}

/** An ISO instant as local time, with the full instant as a tooltip. */
export function time(iso) {
  if (!iso) return '—';
  const d = new Date(iso);
  if (isNaN(d)) return h('span', {}, iso);
  const text = d.toLocaleString(undefined, {year: 'numeric', month: '2-digit', day: '2-digit',
    hour: '2-digit', minute: '2-digit', second: '2-digit'});
  return h('time', {datetime: iso, title: iso}, text);
}

export function ago(iso) {
  if (!iso) return '—';
  const d = new Date(iso);
  return isNaN(d) ? iso : age((Date.now() - d.getTime()) / 1000) + ' ago';
}

export function stateBadge(state) {
  return h('span', {class: `state state-${String(state).toLowerCase()}`}, state);
}

export function number(n) {
  return n === null || n === undefined ? '—' : Number(n).toLocaleString();
}
