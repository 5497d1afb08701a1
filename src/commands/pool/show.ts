import { defineCommand } from '../../framework/command.js';
import { NotFoundError } from '../../framework/errors.js';
import { withOpenStorage } from '../../backends/openstorage/client.js';
import { POOL_COLUMNS } from '../../backends/openstorage/views.js';
import { listPools } from '../../backends/openstorage/resources.js';

export default defineCommand({
  summary: 'Show one storage pool by UUID',
  description: 'Finds the pool among the nodes\' pools (OpenStorageNode.EnumerateWithFilters). The JSON record is the SDK\'s StoragePool plus `node_id`.',
  backends: ['openstorage'],
  args: [{ name: 'uuid', description: 'Pool UUID (or its index on a single-node cluster)', required: true }],
  columns: POOL_COLUMNS,
  examples: ['storctl pool show 5f2c…', 'storctl pool show 5f2c… -o json'],
  async run(ctx, args) {
    await withOpenStorage(ctx, async (osd) => {
      const pools = await listPools(osd);
      const ref = args[0]!;
      let pool = pools.find((p) => p.uuid === ref);
      if (!pool && /^\d+$/.test(ref)) {
        const byIndex = pools.filter((p) => String(p.ID) === ref);
        if (byIndex.length === 1) pool = byIndex[0];
      }
      if (!pool) throw new NotFoundError(`no storage pool ${ref}`, { hint: 'storctl pool list shows the pools' });
      await ctx.printObject(pool);
    });
  },
});
