// Nodes: the nodes working this database, from the node registry.
import {optional} from './api.js';
import {h, replace, time, ago} from './dom.js';
import {workerBar} from './chart.js';

export const nodes = {
  mount(container) {
    const body = h('div', {id: 'node-table'});
    container.append(h('h1', {}, 'Nodes'), body);
    return {
      title: 'Nodes',
      async refresh() {
        const list = await optional('/nodes');
        if (list === undefined) return replace(body, h('p', {class: 'muted'}, 'This server keeps no node registry.'));
        if (!list.length) return replace(body, h('p', {class: 'muted'}, 'No node has registered.'));
        replace(body, h('table', {class: 'grid'},
          h('thead', {}, h('tr', {}, ['Node', 'Version', 'State', 'Queues (workers/busy)', 'Workers', 'Started', 'Last heartbeat']
            .map(t => h('th', {scope: 'col'}, t)))),
          h('tbody', {}, list.map(n => h('tr', {class: n.gone ? 'gone' : '', dataset: {node: n.name}},
            h('th', {scope: 'row'}, n.name, n.self ? h('span', {class: 'muted'}, ' (this node)') : null),
            h('td', {}, n.version),
            h('td', {}, n.gone ? h('span', {class: 'state state-dead'}, 'gone') : n.draining
              ? h('span', {class: 'state state-queued'}, 'draining') : h('span', {class: 'state state-succeeded'}, 'up')),
            h('td', {}, n.queues.length ? n.queues.map(q => `${q.name} ${q.workers}/${q.busy}`).join(', ') : 'none (enqueue only)'),
            h('td', {class: 'nowrap'}, workerBar(n.busy, n.workers), ` ${n.busy} busy, ${n.idle} idle`),
            h('td', {}, time(n.startedAt)), h('td', {}, time(n.heartbeatAt), h('span', {class: 'muted'}, ` (${ago(n.heartbeatAt)})`)))))));
      },
    };
  },
};
