import { defineCommand } from '../../framework/command.js';
import { kumoscale } from '../../backends/kumoscale/client.js';
import { HOST_COLUMNS } from '../../backends/kumoscale/views.js';

export default defineCommand<{ name?: string }>({
  summary: 'List the hosts (initiators) known to the provisioner',
  description: 'Reads GET /hosts (with ?hostName= for --name). Hosts register themselves through their agent (host probe); State tells whether the last probe is recent.',
  backends: ['kumoscale'],
  flags: [{ name: 'name', type: 'string', valueName: 'NAME', description: 'Only the host with this name' }],
  columns: HOST_COLUMNS,
  examples: ['storctl host list', 'storctl host list --name compute-1 -o json'],
  async run(ctx, _args, opts) {
    const c = await kumoscale(ctx);
    let list = await c.list({ path: '/hosts', query: { hostName: opts.name }, action: 'cannot list hosts' });
    if (opts.name !== undefined) list = list.filter((h) => h.name === opts.name);
    await ctx.printList(list);
  },
});
