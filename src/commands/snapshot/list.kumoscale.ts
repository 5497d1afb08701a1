import { defineCommand } from '../../framework/command.js';
import { kumoscale, seg } from '../../backends/kumoscale/client.js';
import { TENANT_FLAG } from '../../backends/kumoscale/flags.js';
import { findVolume } from '../../backends/kumoscale/resources.js';
import { SNAPSHOT_COLUMNS } from '../../backends/kumoscale/views.js';

interface Opts {
  volume?: string;
  name?: string;
  tenant?: string;
}

export default defineCommand<Opts>({
  summary: 'List snapshots',
  description:
    'KumoScale: Reads GET [/{tenantId}]/snapshots, or GET /snapshots_by_vol/{uuid} with --volume. Sizes are GB; Created is the provisioner\'s timestamp. -o json keeps every field.',
  backends: ['kumoscale'],
  flags: [
    { name: 'volume', type: 'string', valueName: 'VOLUME', description: 'Only snapshots of this volume (UUID or alias)' },
    { name: 'name', type: 'string', valueName: 'NAME', description: 'Only snapshots with exactly this alias' },
    TENANT_FLAG,
  ],
  columns: SNAPSHOT_COLUMNS,
  examples: ['storctl snapshot list', 'storctl snapshot list --volume db-data -o json'],
  async run(ctx, _args, opts) {
    const c = await kumoscale(ctx);
    let list;
    if (opts.volume !== undefined) {
      const v = await findVolume(c, opts.volume, opts.tenant);
      list = await c.list({ path: `/snapshots_by_vol/${seg(String(v.uuid))}`, tenant: opts.tenant, action: `cannot list snapshots of volume ${opts.volume}` });
    } else {
      list = await c.list({ path: '/snapshots', tenant: opts.tenant, action: 'cannot list snapshots' });
    }
    if (opts.name !== undefined) list = list.filter((s) => s.alias === opts.name);
    await ctx.printList(list);
  },
});
