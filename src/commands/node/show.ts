import { defineCommand } from '../../framework/command.js';
import { ServerError } from '../../framework/errors.js';
import { withOpenStorage } from '../../backends/openstorage/client.js';
import { obj } from '../../backends/openstorage/resources.js';
import { NODE_COLUMNS } from '../../backends/openstorage/views.js';

interface Opts {
  usage?: boolean;
}

export default defineCommand<Opts>({
  summary: 'Show one node (the one answering when no ID is given), with usage',
  description:
    'Calls OpenStorageNode.Inspect (or InspectCurrent without ID). The JSON record is the SDK\'s StorageNode: CPU and memory usage, pools, addresses. With --usage it also asks OpenStorageNode.VolumeUsageByNode for the space each volume uses on the node and adds it as `volume_usage` (the SDK\'s VolumeUsageByNode message); servers whose driver does not support it leave it out with a warning.',
  backends: ['openstorage'],
  args: [{ name: 'id', description: 'Node id (default: the node that answers)' }],
  flags: [{ name: 'usage', type: 'boolean', description: 'Add per-volume space usage on the node (volume_usage)' }],
  columns: NODE_COLUMNS,
  examples: ['storctl node show', 'storctl node show 1 -o json', 'storctl node show 1 --usage'],
  async run(ctx, args, opts) {
    await withOpenStorage(ctx, async (osd) => {
      const r = args[0] ? await osd.call('OpenStorageNode', 'Inspect', { node_id: args[0] }) : await osd.call('OpenStorageNode', 'InspectCurrent');
      const node = obj(r.node);
      if (opts.usage) {
        try {
          const u = await osd.call('OpenStorageNode', 'VolumeUsageByNode', { node_id: node.id });
          node.volume_usage = obj(u.volume_usage_info);
        } catch (err) {
          if (!(err instanceof ServerError)) throw err;
          ctx.warn(`no per-volume usage: ${err.message}`);
        }
      }
      await ctx.printObject(node);
    });
  },
});
