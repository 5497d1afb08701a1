import { defineCommand } from '../../framework/command.js';
import { withOpenStorage } from '../../backends/openstorage/client.js';
import { listPools } from '../../backends/openstorage/resources.js';
import { POOL_COLUMNS } from '../../backends/openstorage/views.js';

export default defineCommand({
  summary: 'List the storage pools of every node',
  description:
    'The SDK has no pool enumeration; pools are part of each node (OpenStorageNode.EnumerateWithFilters). JSON records are the SDK\'s StoragePool messages (TotalSize and Used in bytes) plus `node_id`, the node holding the pool.',
  backends: ['openstorage'],
  columns: POOL_COLUMNS,
  examples: ['storctl pool list', 'storctl pool list -o json | jq \'.[] | {uuid, TotalSize, Used}\''],
  async run(ctx) {
    await withOpenStorage(ctx, async (osd) => {
      await ctx.printList(await listPools(osd));
    });
  },
});
