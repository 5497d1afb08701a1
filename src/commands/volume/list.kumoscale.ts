import { defineCommand } from '../../framework/command.js';
import { kumoscale } from '../../backends/kumoscale/client.js';
import { TENANT_FLAG } from '../../backends/kumoscale/flags.js';
import { VOLUME_COLUMNS } from '../../backends/kumoscale/views.js';

interface Opts {
  name?: string;
  tenant?: string;
}

export default defineCommand<Opts>({
  summary: 'List volumes',
  description:
    'KumoScale: Reads GET [/{tenantId}]/volumes: the volumes of the default tenant, or of --tenant. Sizes are GB (10^9 bytes) as the provisioner reports them; State summarises the replicas (Available, Synchronizing, Missing, Terminating). --name NAME keeps the volumes with that alias. -o json keeps every field the provisioner sends.',
  backends: ['kumoscale'],
  flags: [{ name: 'name', type: 'string', valueName: 'NAME', description: 'Only volumes with exactly this alias' }, TENANT_FLAG],
  columns: VOLUME_COLUMNS,
  examples: ['storctl volume list', 'storctl volume list --tenant team-a --long', 'storctl volume list --name db-data -o json'],
  async run(ctx, _args, opts) {
    const c = await kumoscale(ctx);
    let list = await c.list({ path: '/volumes', tenant: opts.tenant, action: 'cannot list volumes' });
    if (opts.name !== undefined) list = list.filter((v) => v.alias === opts.name);
    await ctx.printList(list);
  },
});
