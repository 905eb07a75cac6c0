// Overview: per queue the jobs by state, the oldest queued job's age and whether it is paused;
// throughput over the last hour; workers busy and idle per node.
import {get, optional, post, enc} from './api.js';
import {h, replace, age, number} from './dom.js';
import {throughputChart, workerBar} from './chart.js';

export const STATES = ['QUEUED', 'RUNNING', 'WAITING', 'SUCCEEDED', 'DEAD', 'CANCELLED'];

/** The states the server counts (WAITING only where the server knows it). */
export function statesOf(queues) {
  const seen = new Set(queues.flatMap(q => Object.keys(q.counts || {})));
  return STATES.filter(s => seen.has(s) || (s !== 'WAITING' && seen.size === 0));
}

export const overview = {
  mount(container, match, ctx) {
    const queues = h('section', {'aria-labelledby': 'queues-title'}, h('h2', {id: 'queues-title'}, 'Queues'));
    const chart = h('section', {'aria-labelledby': 'chart-title'},
      h('h2', {id: 'chart-title'}, 'Finished jobs per minute, last hour'));
    const workers = h('section', {'aria-labelledby': 'workers-title'}, h('h2', {id: 'workers-title'}, 'Workers by node'));
    const queueBody = h('div', {id: 'queue-table'});
    const chartBody = h('div', {id: 'throughput'});
    const workerBody = h('div', {id: 'worker-table'});
    queues.append(queueBody);
    chart.append(chartBody);
    workers.append(workerBody);
    container.append(h('h1', {}, 'Overview'), queues, chart, workers);

    let deadBefore;
    return {
      title: 'Overview',
      async refresh() {
        const [list, minutes, nodeList] = await Promise.all([get('/queues'), optional('/stats/throughput?minutes=60'),
          optional('/nodes')]);
        const dead = list.reduce((sum, q) => sum + (q.counts.DEAD || 0), 0);
        if (deadBefore !== undefined && dead > deadBefore) {
          ctx.say(`${dead - deadBefore} new failed job(s) (DEAD)`, 'error');
        }
        deadBefore = dead;
        replace(queueBody, queueTable(list, ctx));
        replace(chartBody, minutes ? throughputChart(minutes) : h('p', {class: 'muted'}, 'Not offered by this server.'));
        replace(workerBody, nodeList ? workerTable(nodeList) : h('p', {class: 'muted'}, 'Not offered by this server.'));
      },
    };
  },
};

function queueTable(list, ctx) {
  if (!list.length) return h('p', {class: 'muted'}, 'No queues yet.');
  const states = statesOf(list);
  const pausable = list.some(q => typeof q.paused === 'boolean');
  const head = h('tr', {}, h('th', {scope: 'col'}, 'Queue'),
    states.map(s => h('th', {scope: 'col', class: 'num'}, s)),
    h('th', {scope: 'col', class: 'num'}, 'Oldest queued'),
    pausable ? h('th', {scope: 'col'}, 'Paused') : null,
    h('th', {scope: 'col', class: 'num'}, 'Workers here (busy)'),
    pausable && ctx.me.canManage ? h('th', {scope: 'col'}, h('span', {class: 'sr-only'}, 'Actions')) : null);
  const rows = list.map(q => h('tr', {dataset: {queue: q.name}},
    h('th', {scope: 'row'}, h('a', {href: `#/jobs?queue=${enc(q.name)}`}, q.name)),
    states.map(s => h('td', {class: 'num', dataset: {state: s}},
      h('a', {href: `#/jobs?queue=${enc(q.name)}&status=${s}`, 'aria-label': `${q.name}: ${q.counts[s] || 0} ${s}`},
        number(q.counts[s] || 0)))),
    h('td', {class: 'num'}, age(q.oldestQueuedAgeSeconds)),
    pausable ? h('td', {class: 'paused'}, q.paused ? h('span', {class: 'state state-dead'}, 'paused') : 'no') : null,
    h('td', {class: 'num'}, `${q.workers} (${q.busy})`),
    pausable && ctx.me.canManage ? h('td', {}, q.paused
      ? h('button', {type: 'button', class: 'action', dataset: {action: 'resume-queue'},
        onclick: () => ctx.act(`Resume ${q.name}`, () => post(`/queues/${enc(q.name)}/resume`).then(() => `Queue ${q.name} resumed`))},
        'Resume')
      : h('button', {type: 'button', class: 'action', dataset: {action: 'pause-queue'},
        onclick: () => ctx.act(`Pause ${q.name}`, () => post(`/queues/${enc(q.name)}/pause`).then(() => `Queue ${q.name} paused`))},
        'Pause')) : null));
  return h('table', {class: 'grid'}, h('thead', {}, head), h('tbody', {}, rows));
}

function workerTable(list) {
  if (!list.length) return h('p', {class: 'muted'}, 'No node has registered.');
  const rows = list.map(n => h('tr', {class: n.gone ? 'gone' : ''},
    h('th', {scope: 'row'}, h('a', {href: '#/nodes'}, n.name), n.self ? ' (this node)' : ''),
    h('td', {}, workerBar(n.busy, n.workers)),
    h('td', {class: 'num'}, `${n.busy} busy`),
    h('td', {class: 'num'}, `${n.idle} idle`),
    h('td', {}, n.gone ? 'gone' : n.draining ? 'draining' : 'up')));
  return h('table', {class: 'grid'}, h('thead', {}, h('tr', {}, h('th', {scope: 'col'}, 'Node'),
    h('th', {scope: 'col'}, 'Load'), h('th', {scope: 'col', class: 'num'}, 'Busy'), h('th', {scope: 'col', class: 'num'}, 'Idle'),
    h('th', {scope: 'col'}, 'State'))), h('tbody', {}, rows));
}
