// The dashboard's shell: who is logged in, the views behind the hash routes, the 2 s live refresh.
import {get} from './api.js';
import {h, replace} from './dom.js';
import {overview} from './overview.js';
import {jobs} from './jobs.js';
import {job} from './job.js';
import {schedules} from './schedules.js';
import {nodes} from './nodes.js';

const REFRESH_MS = 2000;
const main = document.getElementById('main');
const notice = document.getElementById('notice');
const live = document.getElementById('live');

/** What every view gets: the user, messages, confirmations. */
const ctx = {
  me: {user: '', roles: [], canManage: false},
  say(text, kind = 'info') {
    replace(notice, h('p', {class: `notice ${kind}`}, text));
    clearTimeout(ctx.sayTimer);
    ctx.sayTimer = setTimeout(() => replace(notice), 8000);
  },
  fail(error) {
    ctx.say(error && error.message ? error.message : String(error), 'error');
  },
  confirm(text) {
    const dialog = document.getElementById('confirm');
    document.getElementById('confirm-text').textContent = text;
    return new Promise(resolve => {
      dialog.addEventListener('close', () => resolve(dialog.returnValue === 'ok'), {once: true});
      dialog.returnValue = '';
      dialog.showModal();
      document.getElementById('confirm-ok').focus();
    });
  },
  /** Runs an action, says how it went, refreshes the view. */
  async act(label, action) {
    try {
      const result = await action();
      ctx.say(typeof result === 'string' ? result : `${label}: done`, 'ok');
    } catch (e) {
      ctx.say(`${label}: ${e.message}`, 'error');
    }
    await refresh();
  },
};

const routes = [
  [/^#?\/?$/, () => overview, 'overview'],
  [/^#\/jobs(?:\?(.*))?$/, m => jobs, 'jobs'],
  [/^#\/jobs\/(\d+)$/, () => job, 'jobs'],
  [/^#\/schedules$/, () => schedules, 'schedules'],
  [/^#\/nodes$/, () => nodes, 'nodes'],
];

let current = null;
let busy = false;

async function show() {
  const hash = location.hash || '#/';
  for (const [pattern, view, nav] of routes) {
    const match = hash.match(pattern);
    if (!match) continue;
    document.querySelectorAll('nav a').forEach(a => {
      if (a.dataset.view === nav) a.setAttribute('aria-current', 'page');
      else a.removeAttribute('aria-current');
    });
    if (current && current.dispose) current.dispose();
    const container = h('div', {class: 'view'});
    replace(main, container);
    current = view(match).mount(container, match, ctx);
    document.title = `${current.title} · Jobs`;
    await refresh();
    return;
  }
  replace(main, h('p', {}, 'No such page. ', h('a', {href: '#/'}, 'Overview')));
}

async function refresh() {
  if (!current || busy) return;
  busy = true;
  try {
    await current.refresh();
    main.classList.remove('stale');
  } catch (e) {
    main.classList.add('stale');
    ctx.fail(e);
  } finally {
    busy = false;
  }
}

async function start() {
  try {
    ctx.me = await get('/me');
  } catch (e) {
    ctx.fail(e);
  }
  document.body.classList.toggle('can-manage', !!ctx.me.canManage);
  replace(document.getElementById('who'), ctx.me.user ? `${ctx.me.user} (${ctx.me.canManage ? 'admin' : 'read-only'})` : '');
  window.addEventListener('hashchange', show);
  setInterval(() => {
    if (live.checked && !document.hidden && !document.querySelector('dialog[open]')) refresh();
  }, REFRESH_MS);
  await show();
}

start();
