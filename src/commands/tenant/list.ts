import { defineCommand } from '../../framework/command.js';
import { kumoscale } from '../../backends/kumoscale/client.js';
import { TENANT_COLUMNS } from '../../backends/kumoscale/views.js';

export default defineCommand({
  summary: 'List tenants (virtual clusters) and their budgets',
  description:
    'Reads GET /tenants. Capacity and used capacity are GB as the provisioner reports them; the default tenant "0" holds whatever no tenant was given and its budget is the whole pool.',
  backends: ['kumoscale'],
  columns: TENANT_COLUMNS,
  examples: ['storctl tenant list', 'storctl tenant list -o json'],
  async run(ctx) {
    const c = await kumoscale(ctx);
    await ctx.printList(await c.list({ path: '/tenants', action: 'cannot list tenants' }));
  },
});
