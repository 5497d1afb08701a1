import { defineCommand } from '../../framework/command.js';
import { kumoscale } from '../../backends/kumoscale/client.js';
import { SYSLOG_COLUMNS } from '../../backends/kumoscale/views.js';

export default defineCommand({
  summary: 'List the provisioner\'s syslog destinations',
  description: 'Reads GET /syslog: where the provisioner forwards its log (name, URL, state, TLS and certificate file).',
  backends: ['kumoscale'],
  columns: SYSLOG_COLUMNS,
  examples: ['storctl syslog show', 'storctl syslog show -o json'],
  async run(ctx) {
    const c = await kumoscale(ctx);
    await ctx.printList(await c.list({ path: '/syslog', action: 'cannot read the syslog settings' }));
  },
});
