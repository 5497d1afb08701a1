import { defineCommand } from '../../framework/command.js';
import { kumoscale, seg } from '../../backends/kumoscale/client.js';
import { findTenant } from '../../backends/kumoscale/resources.js';

export default defineCommand({
  summary: 'Delete tenants',
  description:
    'Sends DELETE /tenants/{tenantId} for each tenant (IDs or names, all looked up first). A tenant that still owns volumes or snapshots is refused (exit 5); the default tenant "0" cannot be deleted.',
  backends: ['kumoscale'],
  destructive: true,
  args: [{ name: 'tenant', description: 'Tenant IDs or names', required: true, variadic: true }],
  examples: ['storctl tenant delete team-a --yes'],
  async run(ctx, args) {
    const c = await kumoscale(ctx);
    const tenants = await Promise.all(args.map((a) => findTenant(c, a)));
    const names = tenants.map((t) => (t.name ? `${t.name} (${t.tenantId})` : String(t.tenantId)));
    if (!(await ctx.confirm(`Delete ${tenants.length === 1 ? 'tenant' : `${tenants.length} tenants:`} ${names.join(', ')}?`))) return;
    let first: unknown;
    for (const t of tenants) {
      try {
        await c.op({ method: 'DELETE', path: `/tenants/${seg(String(t.tenantId))}`, action: `cannot delete tenant ${t.tenantId}` });
      } catch (err) {
        if (tenants.length === 1) throw err;
        first ??= err;
        ctx.warn((err as Error).message);
      }
    }
    if (first) throw first;
  },
});
