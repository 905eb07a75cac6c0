// One job: state, options, argument, attempts (with folded traces), progress and log while it
// runs, parent and children of continuations; actions for jobs-admin.
import {get, optional, enc} from './api.js';
import {h, replace, time, stateBadge, age} from './dom.js';
import {jobActions} from './actions.js';

export const job = {
  mount(container, match, ctx) {
    const id = match[1];
    const head = h('div', {class: 'job-head'});
    const summary = h('div', {id: 'job-summary'});
    const progress = h('div', {id: 'job-progress'});
    const argument = h('section', {'aria-labelledby': 'arg-title'}, h('h2', {id: 'arg-title'}, 'Argument'));
    const argumentBody = h('pre', {class: 'json', id: 'job-argument', tabindex: '0'});
    argument.append(argumentBody);
    const attempts = h('section', {'aria-labelledby': 'attempts-title'}, h('h2', {id: 'attempts-title'}, 'Attempts'));
    const attemptsBody = h('div', {id: 'job-attempts'});
    attempts.append(attemptsBody);
    const log = h('section', {'aria-labelledby': 'log-title'}, h('h2', {id: 'log-title'}, 'Log'));
    const logBody = h('div', {id: 'job-log'});
    log.append(logBody);
    const family = h('div', {id: 'job-family'});
    container.append(h('p', {}, h('a', {href: '#/jobs'}, '← Jobs')), head, summary, progress, family, argument, attempts, log);
    let argumentShown = false;
    let openTraces = new Set();
    let gone = false;

    return {
      title: `Job ${id}`,
      async refresh() {
        if (gone) return;
        let j;
        try {
          j = await get(`/jobs/${enc(id)}`);
        } catch (e) {
          if (e.status === 404) {
            gone = true;
            replace(head, h('h1', {}, `Job ${id}`));
            replace(summary, h('p', {}, 'No such job (deleted or pruned).'));
            return;
          }
          throw e;
        }
        replace(head, h('h1', {}, `Job ${j.id} `, stateBadge(j.status)),
          h('div', {class: 'row-actions'}, jobActions(j, ctx, action => {
            if (action === 'delete') location.hash = '#/jobs';
          })));
        replace(summary, details(j, openTraces));
        replace(progress, progressBar(j));
        const children = await optional(`/jobs/${enc(id)}/children`);
        replace(family, familyLinks(j, children));
        if (!argumentShown) {
          const arg = await optional(`/jobs/${enc(id)}/argument`);
          argumentBody.textContent = arg === undefined ? '(not offered by this server)' : JSON.stringify(arg, null, 2);
          argumentShown = true;
        }
        const [list, lines] = await Promise.all([optional(`/jobs/${enc(id)}/attempts`), optional(`/jobs/${enc(id)}/log`)]);
        replace(attemptsBody, attemptTable(list, j, openTraces));
        replace(logBody, logLines(lines));
      },
    };
  },
};

function details(j, openTraces) {
  const control = typeof j.cancelRequested === 'boolean';
  const rows = [
    ['Type', j.type], ['Queue', j.queue], ['State', j.status], ['Priority', j.priority],
    ['Attempts', `${j.attempts} of ${j.maxRetries < 0 ? 'unlimited' : j.maxRetries + 1}`],
    ['Max retries', j.maxRetries < 0 ? 'unlimited' : j.maxRetries],
    // the API leaves out null fields: a server with job control always sends cancelRequested
    ['Timeout', control ? (j.timeout || 'none') : undefined],
    ['Unique key', control ? (j.uniqueKey || 'none') : undefined],
    ['Cancel requested', control ? (j.cancelRequested ? 'yes' : 'no') : undefined],
    ['Run at', time(j.runAt)], ['Enqueued', time(j.enqueuedAt)], ['Started', time(j.startedAt)],
    ['Finished', time(j.finishedAt)],
  ].filter(([, v]) => v !== undefined);
  const list = h('dl', {class: 'details'}, rows.map(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]));
  const error = j.lastError ? h('details', {class: 'trace', open: openTraces.has('last')},
    h('summary', {}, 'Last error: ', j.lastError.split('\n')[0]), h('pre', {}, j.lastError)) : null;
  // the view is redrawn every 2 s: a trace the user opened stays open
  if (error) error.addEventListener('toggle', () => error.open ? openTraces.add('last') : openTraces.delete('last'));
  return [list, error];
}

function progressBar(j) {
  if (!j.progress) return null;
  const percent = Math.max(0, Math.min(100, Number(j.progress.percent) || 0));
  const bar = h('progress', {id: 'progress-bar', max: 100, value: percent, 'aria-label': 'Progress'});
  return h('div', {class: 'progress'}, h('label', {for: 'progress-bar'}, `Progress ${percent}%`), bar,
    j.progress.message ? h('span', {class: 'muted'}, ` ${j.progress.message}`) : null);
}

function familyLinks(j, children) {
  const parts = [];
  if (j.parentId) parts.push(h('p', {}, 'Runs after ', h('a', {href: `#/jobs/${enc(j.parentId)}`}, `job ${j.parentId}`)));
  if (j.batchId) parts.push(h('p', {}, `Part of batch ${j.batchId}`));
  if (Array.isArray(children) && children.length) {
    parts.push(h('p', {id: 'job-children'}, 'Continuations: ', children.map((c, i) => [i ? ', ' : '',
      h('a', {href: `#/jobs/${enc(c.id)}`}, `job ${c.id}`), ` (${c.type}, ${c.status})`])));
  }
  return parts;
}

function attemptTable(list, j, openTraces) {
  if (list === undefined) {
    return h('p', {class: 'muted'}, `${j.attempts} attempt(s); this server keeps no attempt history.`);
  }
  // the history holds finished attempts; the one running now is shown from the job itself
  if (j.status === 'RUNNING' && !list.some(a => a.attempt === j.attempts)) {
    list = [...list, {attempt: j.attempts, startedAt: j.startedAt}];
  }
  if (!list.length) return h('p', {class: 'muted'}, 'No attempt yet.');
  return h('table', {class: 'grid'}, h('thead', {}, h('tr', {}, ['#', 'Node', 'Started', 'Duration', 'Outcome', 'Error']
    .map(t => h('th', {scope: 'col'}, t)))),
  h('tbody', {}, list.map(a => {
    const key = String(a.attempt);
    const trace = a.trace || a.error;
    const fold = trace ? h('details', {class: 'trace', open: openTraces.has(key)},
      h('summary', {}, a.error ? a.error.split('\n')[0] : 'trace'), h('pre', {}, trace)) : '';
    if (fold) fold.addEventListener('toggle', () => fold.open ? openTraces.add(key) : openTraces.delete(key));
    return h('tr', {}, h('td', {class: 'num'}, a.attempt), h('td', {}, a.node || '—'), h('td', {}, time(a.startedAt)),
      h('td', {class: 'num'}, a.durationMillis === null || a.durationMillis === undefined ? (a.finishedAt ? '—' : 'running')
        : age(a.durationMillis / 1000)),
      h('td', {}, a.outcome || (a.finishedAt ? '—' : 'running')), h('td', {class: 'error'}, fold));
  })));
}

function logLines(lines) {
  if (lines === undefined) return h('p', {class: 'muted'}, 'This server keeps no job log.');
  if (!lines.length) return h('p', {class: 'muted'}, 'No log lines.');
  return h('ol', {class: 'log'}, lines.map(l => h('li', {}, time(l.at), ` [${l.attempt}] `, l.message)));
}
