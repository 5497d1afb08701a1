import { defineCommand } from '../../framework/command.js';
import { kumoscale } from '../../backends/kumoscale/client.js';
import { MIGRATE_FLAGS, TENANT_FLAG, WAIT_FLAG } from '../../backends/kumoscale/flags.js';
import { findVolume } from '../../backends/kumoscale/resources.js';
import { migrateVolume } from '../../backends/kumoscale/volumes.js';
import { VOLUME_SHOW_COLUMNS, VOLUME_COLUMNS } from '../../backends/kumoscale/views.js';

interface Opts {
  replica?: string;
  to?: string;
  tenant?: string;
  wait?: boolean;
}

export default defineCommand<Opts>({
  summary: 'Move a volume replica to another storage node',
  description:
    'KumoScale: Sends POST [/{tenantId}]/migrate_volume {volId, repId, destinationBackendId}. The move is online: the replica resynchronises on the destination in the background (a task in `storctl task list`). --wait follows that task and polls until every replica is Available again; a task that fails exits 7 with its description. Same as `storctl replica migrate`.',
  backends: ['kumoscale'],
  args: [{ name: 'volume', description: 'Volume UUID or alias', required: true }],
  flags: [...MIGRATE_FLAGS, TENANT_FLAG, WAIT_FLAG],
  columns: VOLUME_COLUMNS,
  examples: ['storctl volume migrate db-data --wait', 'storctl volume migrate db-data --replica 0c:c4:7a:5e:00:01 --to 0c:c4:7a:5e:00:03'],
  async run(ctx, args, opts) {
    const c = await kumoscale(ctx);
    const v = await findVolume(c, args[0]!, opts.tenant);
    await ctx.printObject((await migrateVolume(ctx, c, v, opts))!, VOLUME_SHOW_COLUMNS);
  },
});
