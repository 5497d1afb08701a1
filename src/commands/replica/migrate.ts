import { defineCommand } from '../../framework/command.js';
import { kumoscale } from '../../backends/kumoscale/client.js';
import { MIGRATE_FLAGS, TENANT_FLAG, WAIT_FLAG } from '../../backends/kumoscale/flags.js';
import { findVolume } from '../../backends/kumoscale/resources.js';
import { migrateVolume } from '../../backends/kumoscale/volumes.js';
import { REPLICA_COLUMNS } from '../../backends/kumoscale/views.js';

interface Opts {
  replica?: string;
  to?: string;
  tenant?: string;
  wait?: boolean;
}

export default defineCommand<Opts>({
  summary: 'Move a replica to another backend',
  description:
    'Sends POST [/{tenantId}]/migrate_volume {volId, repId, destinationBackendId}; the replica moves online and resynchronises in the background (a task). --wait follows the task until every replica is Available; a failed task exits 7. Lists the replicas afterwards. Same as `storctl volume migrate`.',
  backends: ['kumoscale'],
  args: [{ name: 'volume', description: 'Volume UUID or alias', required: true }],
  flags: [...MIGRATE_FLAGS, TENANT_FLAG, WAIT_FLAG],
  columns: REPLICA_COLUMNS,
  examples: ['storctl replica migrate db-data --replica 0c:c4:7a:5e:00:01 --to 0c:c4:7a:5e:00:03 --wait'],
  async run(ctx, args, opts) {
    const c = await kumoscale(ctx);
    const v = await findVolume(c, args[0]!, opts.tenant);
    const after = await migrateVolume(ctx, c, v, opts);
    await ctx.printList(Array.isArray(after?.location) ? after!.location : []);
  },
});
