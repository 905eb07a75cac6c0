// Jobs: filters (state, type, queue, time range), keyset paging newest first with the list API's
// cursor, counts per state as tabs, row actions and bulk actions on the current filter.
import {get, optional, post, query, enc} from './api.js';
import {h, replace, time, stateBadge, number} from './dom.js';
import {jobActions} from './actions.js';
import {STATES, statesOf} from './overview.js';

const RANGES = [['', 'Any time'], ['15m', 'Last 15 minutes'], ['1h', 'Last hour'], ['24h', 'Last 24 hours'], ['7d', 'Last 7 days']];
const RANGE_MS = {'15m': 9e5, '1h': 3.6e6, '24h': 8.64e7, '7d': 6.048e8};
const PAGE = 50;

function filterFromHash(match) {
  const params = new URLSearchParams(match[1] || '');
  return {status: params.get('status') || '', type: params.get('type') || '', queue: params.get('queue') || '',
    range: params.get('range') || ''};
}

export const jobs = {
  mount(container, match, ctx) {
    const filter = filterFromHash(match);
    let cursors = [null]; // cursor of each page shown so far; the last is the current page's
    let countSupported;   // GET /jobs/count exists on this server (undefined until asked)
    let nextCursor = null;

    const field = (id, label, input) => h('div', {class: 'field'}, h('label', {for: id}, label), input);
    const status = h('select', {id: 'f-status', name: 'status'}, h('option', {value: ''}, 'Any state'),
      STATES.map(s => h('option', {value: s, selected: s === filter.status}, s)));
    const type = h('input', {id: 'f-type', name: 'type', value: filter.type, placeholder: 'e.g. greet', autocomplete: 'off'});
    const queue = h('input', {id: 'f-queue', name: 'queue', value: filter.queue, placeholder: 'e.g. default', autocomplete: 'off'});
    const range = h('select', {id: 'f-range', name: 'range'},
      RANGES.map(([v, label]) => h('option', {value: v, selected: v === filter.range}, label)));
    const form = h('form', {class: 'filters', role: 'search', 'aria-label': 'Filter jobs'},
      field('f-status', 'State', status), field('f-type', 'Type', type), field('f-queue', 'Queue', queue),
      field('f-range', 'Enqueued', range), h('button', {type: 'submit'}, 'Apply'));
    form.addEventListener('submit', e => {
      e.preventDefault();
      const next = {status: status.value, type: type.value.trim(), queue: queue.value.trim(), range: range.value};
      location.hash = `#/jobs${query(next)}`;
    });

    const tabs = h('nav', {class: 'tabs', 'aria-label': 'Jobs by state'});
    const bulk = h('div', {class: 'bulk'});
    const table = h('div', {id: 'job-table'});
    const pager = h('nav', {class: 'pager', 'aria-label': 'Pages'});
    container.append(h('h1', {}, 'Jobs'), form, tabs, bulk, table, pager);

    const serverFilter = () => ({status: filter.status, type: filter.type, queue: filter.queue});

    // Counts per state: from the queue overview (one grouped query) unless a type is filtered, which
    // only GET /jobs/count can count; without it the tabs show no numbers.
    async function counts() {
      if (countSupported === undefined) {
        // a server without it reads "count" as a job id: 400 or 404
        countSupported = await get('/jobs/count?status=DEAD').then(r => r && typeof r.count === 'number', () => false);
      }
      if (filter.type) {
        if (!countSupported) return null;
        const base = {type: filter.type, queue: filter.queue};
        const [all, ...byState] = await Promise.all([optional(`/jobs/count${query(base)}`),
          ...STATES.map(s => optional(`/jobs/count${query({...base, status: s})}`))]);
        const result = {ALL: all && all.count};
        STATES.forEach((s, i) => { if (byState[i] !== undefined) result[s] = byState[i].count; });
        return result;
      }
      const queues = await get('/queues');
      const result = {ALL: 0};
      for (const q of queues.filter(q => !filter.queue || q.name === filter.queue)) {
        for (const s of statesOf(queues)) {
          result[s] = (result[s] || 0) + (q.counts[s] || 0);
          result.ALL += q.counts[s] || 0;
        }
      }
      return result;
    }

    function renderTabs(byState) {
      const tab = (value, label) => {
        const n = byState && byState[value || 'ALL'];
        return h('a', {href: `#/jobs${query({...filter, status: value})}`, class: 'tab',
          'aria-current': filter.status === value ? 'page' : null, dataset: {state: value || 'ALL'}},
        label, n !== undefined && n !== null ? h('span', {class: 'count'}, number(n)) : null);
      };
      const states = STATES.filter(s => s !== 'WAITING' || (byState && byState.WAITING !== undefined));
      replace(tabs, tab('', 'All'), states.map(s => tab(s, s)));
    }

    // Bulk actions act on one state (the server requires it): the ones that state allows.
    const BULK = {retry: ['DEAD'], cancel: ['QUEUED', 'RUNNING', 'WAITING'], delete: ['SUCCEEDED', 'DEAD', 'CANCELLED']};

    function renderBulk() {
      if (!ctx.me.canManage || !countSupported) return replace(bulk);
      if (filter.range) return replace(bulk, h('p', {class: 'muted'}, 'Bulk actions apply to a state, type and queue filter without a time range.'));
      if (!filter.status) return replace(bulk, h('p', {class: 'muted'}, 'Choose a state to retry, cancel or delete every job of the filter.'));
      const run = action => async () => {
        const found = await get(`/jobs/count${query(serverFilter())}`);
        const what = [filter.status, filter.type && `type ${filter.type}`, filter.queue && `queue ${filter.queue}`]
          .filter(Boolean).join(', ');
        if (!(await ctx.confirm(`${action[0].toUpperCase()}${action.slice(1)} ${found.count} job(s) (${what})?`))) return;
        await ctx.act(`Bulk ${action}`, async () => {
          const done = await post(`/jobs/bulk/${action}${query(serverFilter())}`);
          return `Bulk ${action}: ${done.count} job(s)`;
        });
      };
      const actions = Object.keys(BULK).filter(a => BULK[a].includes(filter.status));
      replace(bulk, h('span', {class: 'muted'}, `On every ${filter.status} job of this filter: `),
        actions.map(a => h('button', {type: 'button', class: 'action', dataset: {bulk: a},
          onclick: run(a)}, `${a[0].toUpperCase()}${a.slice(1)} all…`)));
    }

    function renderTable(page) {
      const cutoff = filter.range ? Date.now() - RANGE_MS[filter.range] : null;
      const rows = cutoff ? page.jobs.filter(j => new Date(j.enqueuedAt).getTime() >= cutoff) : page.jobs;
      const reachedEnd = cutoff && rows.length < page.jobs.length;
      nextCursor = reachedEnd ? null : page.next;
      if (!rows.length) {
        replace(table, h('p', {class: 'muted'}, 'No jobs match.'));
      } else {
        replace(table, h('table', {class: 'grid jobs'},
          h('thead', {}, h('tr', {}, ['Id', 'Type', 'Queue', 'State', 'Attempts', 'Enqueued', 'Finished', 'Last error']
            .map(t => h('th', {scope: 'col'}, t)), ctx.me.canManage ? h('th', {scope: 'col'}, h('span', {class: 'sr-only'}, 'Actions')) : null)),
          h('tbody', {}, rows.map(j => h('tr', {dataset: {id: j.id, state: j.status}},
            h('td', {}, h('a', {href: `#/jobs/${enc(j.id)}`}, j.id)),
            h('td', {}, j.type), h('td', {}, j.queue),
            h('td', {}, stateBadge(j.status), progressText(j)),
            h('td', {class: 'num'}, j.attempts), h('td', {}, time(j.enqueuedAt)), h('td', {}, time(j.finishedAt)),
            h('td', {class: 'error'}, j.lastError ? j.lastError.split('\n')[0] : ''),
            ctx.me.canManage ? h('td', {class: 'row-actions'}, jobActions(j, ctx)) : null)))));
      }
      const page1 = cursors.length === 1;
      replace(pager,
        h('button', {type: 'button', disabled: page1, onclick: () => { cursors.pop(); refresh(); }}, '← Newer'),
        h('span', {class: 'muted'}, ` Page ${cursors.length} `),
        h('button', {type: 'button', disabled: !nextCursor, onclick: () => { cursors.push(nextCursor); refresh(); }}, 'Older →'));
    }

    async function refresh() {
      const cursor = cursors[cursors.length - 1];
      const [page, byState] = await Promise.all([
        get(`/jobs${query({...serverFilter(), limit: PAGE, cursor})}`), counts()]);
      renderTabs(byState);
      renderBulk();
      renderTable(page);
    }

    return {title: 'Jobs', refresh};
  },
};

function progressText(job) {
  if (job.status !== 'RUNNING' || !job.progress) return null;
  return h('span', {class: 'muted'}, ` ${job.progress.percent}%`);
}
