// The actions on one job, shown to jobs-admin users only and only where the job's state allows them.
import {post, del, enc} from './api.js';
import {h} from './dom.js';

const FINAL = ['SUCCEEDED', 'DEAD', 'CANCELLED'];

/** Whether the server cancels running jobs (it reports cancelRequested on jobs then). */
function cancelsRunning(job) {
  return typeof job.cancelRequested === 'boolean';
}

export function jobActions(job, ctx, after) {
  if (!ctx.me.canManage) return [];
  const buttons = [];
  const button = (action, label, run) => buttons.push(h('button', {type: 'button', class: 'action',
    dataset: {action, job: job.id}, 'aria-label': `${label} job ${job.id}`},
  label));
  if (job.status === 'DEAD') button('retry', 'Retry');
  if (job.status === 'QUEUED' || job.status === 'WAITING' || (job.status === 'RUNNING' && cancelsRunning(job) && !job.cancelRequested)) {
    button('cancel', 'Cancel');
  }
  if (FINAL.includes(job.status)) button('delete', 'Delete');
  for (const b of buttons) {
    b.addEventListener('click', async () => {
      const action = b.dataset.action;
      if (action === 'delete' && !(await ctx.confirm(`Delete job ${job.id} (${job.type})?`))) return;
      await ctx.act(`${action} job ${job.id}`, async () => {
        if (action === 'delete') await del(`/jobs/${enc(job.id)}`);
        else await post(`/jobs/${enc(job.id)}/${action}`);
        if (after) after(action);
        return `Job ${job.id}: ${action === 'retry' ? 'queued again' : action === 'cancel' ? 'cancel requested' : 'deleted'}`;
      });
    });
  }
  return buttons;
}
