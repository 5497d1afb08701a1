import { defineCommand } from '../../framework/command.js';
import { kumoscale } from '../../backends/kumoscale/client.js';
import { BACKEND_COLUMNS } from '../../backends/kumoscale/views.js';

interface Opts {
  state?: string;
}

export default defineCommand<Opts>({
  summary: 'List the storage nodes in the provisioner\'s pool',
  description:
    'Reads GET /backends. Capacities are bytes (the provisioner reports them so; tables show them in binary units); --long adds the NVMe-oF portals, IOPS, last probe time and host. -o json keeps every field the provisioner sends.',
  backends: ['kumoscale'],
  flags: [{ name: 'state', type: 'string', valueName: 'STATE', description: 'Only backends in this state (Available, Unavailable)' }],
  columns: BACKEND_COLUMNS,
  examples: ['storctl backend list', 'storctl backend list --long', 'storctl backend list --state Unavailable -o json'],
  async run(ctx, _args, opts) {
    const c = await kumoscale(ctx);
    let list = await c.list({ path: '/backends', action: 'cannot list backends' });
    if (opts.state) list = list.filter((b) => String(b.state).toLowerCase() === opts.state!.toLowerCase());
    await ctx.printList(list);
  },
});
