// Schedules: expression, zone, next and last fire, overlap policy, paused; pause, resume, trigger.
import {get, post, enc} from './api.js';
import {h, replace, time} from './dom.js';

export const schedules = {
  mount(container, match, ctx) {
    const body = h('div', {id: 'schedule-table'});
    container.append(h('h1', {}, 'Schedules'), body);
    return {
      title: 'Schedules',
      async refresh() {
        const list = await get('/schedules');
        replace(body, table(list, ctx));
      },
    };
  },
};

function table(list, ctx) {
  if (!list.length) return h('p', {class: 'muted'}, 'No schedules.');
  const pausable = list.some(s => typeof s.paused === 'boolean');
  const overlap = list.some(s => 'overlap' in s);
  // null fields are left out by the API: a schedule that never fired has neither
  const last = pausable || list.some(s => 'lastJobId' in s || 'lastFiredAt' in s);
  const manage = ctx.me.canManage && pausable;
  const head = h('tr', {}, ['Name', 'Job type', 'Every / cron', 'Zone', 'Next fire'].map(t => h('th', {scope: 'col'}, t)),
    last ? h('th', {scope: 'col'}, 'Last fired') : null, overlap ? h('th', {scope: 'col'}, 'Overlap') : null,
    pausable ? h('th', {scope: 'col'}, 'Paused') : null, manage ? h('th', {scope: 'col'}, h('span', {class: 'sr-only'}, 'Actions')) : null);
  const rows = list.map(s => h('tr', {dataset: {schedule: s.name}},
    h('th', {scope: 'row'}, s.name), h('td', {}, s.type), h('td', {}, h('code', {}, s.cron || `every ${s.every}`)),
    h('td', {}, s.zone || (s.cron ? 'UTC' : '—')), h('td', {}, s.paused ? 'paused' : time(s.nextFireAt)),
    last ? h('td', {}, s.lastFiredAt ? time(s.lastFiredAt) : null, s.lastFiredAt && s.lastJobId ? ' ' : null,
      s.lastJobId ? h('a', {href: `#/jobs/${enc(s.lastJobId)}`}, `job ${s.lastJobId}`) : null,
      !s.lastFiredAt && !s.lastJobId ? '—' : null) : null,
    overlap ? h('td', {}, s.overlap || 'skip') : null,
    pausable ? h('td', {}, s.paused ? h('span', {class: 'state state-dead'}, 'paused') : 'no') : null,
    manage ? h('td', {class: 'row-actions'},
      button(ctx, s, s.paused ? 'resume' : 'pause'), button(ctx, s, 'trigger')) : null));
  return h('table', {class: 'grid'}, h('thead', {}, head), h('tbody', {}, rows));
}

function button(ctx, s, action) {
  const label = {pause: 'Pause', resume: 'Resume', trigger: 'Trigger now'}[action];
  return h('button', {type: 'button', class: 'action', dataset: {action: `${action}-schedule`},
    'aria-label': `${label} schedule ${s.name}`,
    onclick: () => ctx.act(`${label} ${s.name}`, async () => {
      const result = await post(`/schedules/${enc(s.name)}/${action}`);
      return action === 'trigger' && result && (result.jobId || result.id)
        ? `Schedule ${s.name} fired job ${result.jobId || result.id}` : `Schedule ${s.name}: ${action} done`;
    })}, label);
}
