import { defineCommand } from '../../framework/command.js';
import { kumoscale, seg } from '../../backends/kumoscale/client.js';
import { PLACEMENT_FLAGS, TENANT_FLAG, WAIT_FLAG, placement, type PlacementOpts } from '../../backends/kumoscale/flags.js';
import { findVolume } from '../../backends/kumoscale/resources.js';
import { changeVolume, note } from '../../backends/kumoscale/volumes.js';
import { REPLICA_COLUMNS } from '../../backends/kumoscale/views.js';

interface Opts extends PlacementOpts {
  tenant?: string;
  wait?: boolean;
}

export default defineCommand<Opts>({
  summary: 'Add a replica to a volume',
  description:
    'Sends POST [/{tenantId}]/replica/{uuid} with optional placement constraints (racks, zones, regions, same rack allowed). Capacity and QoS come from the volume; at least one replica must be Available. The new replica synchronises in the background (state Synchronizing, a task in `storctl task list`); --wait follows the task until every replica is Available, and a failed task exits 7. Volumes with snapshots keep one replica. Lists the replicas afterwards.',
  backends: ['kumoscale'],
  args: [{ name: 'volume', description: 'Volume UUID or alias', required: true }],
  flags: [...PLACEMENT_FLAGS, TENANT_FLAG, WAIT_FLAG],
  columns: REPLICA_COLUMNS,
  examples: ['storctl replica add db-data --wait', 'storctl replica add db-data --zone z2 --region reg1'],
  async run(ctx, args, opts) {
    const c = await kumoscale(ctx);
    const v = await findVolume(c, args[0]!, opts.tenant);
    const uuid = String(v.uuid);
    const after = await changeVolume(
      ctx,
      c,
      uuid,
      () => c.op({ method: 'POST', path: `/replica/${seg(uuid)}`, tenant: opts.tenant, json: placement(opts), action: `cannot add a replica to volume ${v.alias ?? uuid}` }),
      { wait: opts.wait, tenant: opts.tenant, what: `new replica of volume ${v.alias ?? uuid}` },
    );
    if (!opts.wait) note(ctx, 'the new replica synchronises in the background; follow it with `storctl replica list` or pass --wait');
    await ctx.printList(Array.isArray(after?.location) ? after!.location : []);
  },
});
