import { defineCommand } from '../../framework/command.js';
import { kumoscale } from '../../backends/kumoscale/client.js';
import { findHost } from '../../backends/kumoscale/resources.js';
import { HOST_COLUMNS } from '../../backends/kumoscale/views.js';

export default defineCommand({
  summary: 'Show one host',
  description: 'Finds the host by UUID or name in GET /hosts.',
  backends: ['kumoscale'],
  args: [{ name: 'host', description: 'Host UUID or name', required: true }],
  columns: HOST_COLUMNS.map((c) => ({ ...c, long: false })),
  examples: ['storctl host show compute-1', 'storctl host show 4c4c4544-0042-3610-8052-b4c04f4e3732 -o json'],
  async run(ctx, args) {
    const c = await kumoscale(ctx);
    await ctx.printObject(await findHost(c, args[0]!));
  },
});
