import { defineCommand } from '../../framework/command.js';
import { withOpenStorage } from '../../backends/openstorage/client.js';
import { NODE_COLUMNS } from '../../backends/openstorage/views.js';
import type { Rec } from '../../backends/openstorage/normalize.js';

export default defineCommand({
  summary: 'List the nodes of the OpenStorage cluster with CPU and memory usage',
  description:
    'Calls OpenStorageNode.EnumerateWithFilters: one call for every node. JSON records are the SDK\'s StorageNode messages (cpu in percent, mem_* and pool sizes in bytes).',
  backends: ['openstorage'],
  columns: NODE_COLUMNS,
  examples: ['storctl node list', 'storctl node list --long', 'storctl node list -o json | jq \'.[] | {id, mem_used}\''],
  async run(ctx) {
    await withOpenStorage(ctx, async (osd) => {
      const r = await osd.call('OpenStorageNode', 'EnumerateWithFilters');
      await ctx.printList((r.nodes as Rec[] | undefined) ?? []);
    });
  },
});
