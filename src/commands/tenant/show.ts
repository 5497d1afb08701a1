import { defineCommand } from '../../framework/command.js';
import { kumoscale } from '../../backends/kumoscale/client.js';
import { findTenant } from '../../backends/kumoscale/resources.js';
import { TENANT_COLUMNS } from '../../backends/kumoscale/views.js';

export default defineCommand({
  summary: 'Show one tenant',
  description: 'Finds the tenant by ID or name in GET /tenants (the provisioner has no single-tenant GET).',
  backends: ['kumoscale'],
  args: [{ name: 'tenant', description: 'Tenant ID or name', required: true }],
  columns: TENANT_COLUMNS,
  examples: ['storctl tenant show team-a', 'storctl tenant show 0 -o json'],
  async run(ctx, args) {
    const c = await kumoscale(ctx);
    await ctx.printObject(await findTenant(c, args[0]!));
  },
});
