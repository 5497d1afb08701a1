import { defineCommand } from '../../framework/command.js';
import { kumoscale } from '../../backends/kumoscale/client.js';
import { findHost } from '../../backends/kumoscale/resources.js';
import { TASK_COLUMNS } from '../../backends/kumoscale/views.js';

interface Opts {
  host?: string;
  running?: boolean;
}

export default defineCommand<Opts>({
  summary: 'List the provisioner\'s tasks',
  description:
    'Reads GET /tasks (GET /tasks?hostId= with --host): background work such as replica resynchronisation and migration, with state (Running, Ended), status (InProgress, Success, Failed; the values are unconfirmed in the reference) and progress. --long adds the task configuration (type, volume, replica, backends).',
  backends: ['kumoscale'],
  flags: [
    { name: 'host', type: 'string', valueName: 'HOST', description: 'Only tasks of this host (UUID or name)' },
    { name: 'running', type: 'boolean', description: 'Only tasks that have not ended' },
  ],
  columns: TASK_COLUMNS,
  examples: ['storctl task list', 'storctl task list --running --long', 'storctl task list --host compute-1 -o json'],
  async run(ctx, _args, opts) {
    const c = await kumoscale(ctx);
    const hostId = opts.host !== undefined ? String((await findHost(c, opts.host)).uuid) : undefined;
    let list = await c.list({ path: '/tasks', query: { hostId }, action: 'cannot list tasks' });
    if (hostId) list = list.filter((t) => t.hostId === undefined || t.hostId === hostId);
    if (opts.running) list = list.filter((t) => t.state !== 'Ended');
    await ctx.printList(list);
  },
});
