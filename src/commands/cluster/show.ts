import { defineCommand } from '../../framework/command.js';
import { withOpenStorage } from '../../backends/openstorage/client.js';
import { obj } from '../../backends/openstorage/resources.js';

export default defineCommand({
  summary: 'Show the OpenStorage cluster (id, name, status)',
  description: 'Calls OpenStorageCluster.InspectCurrent. The JSON record is the SDK\'s StorageCluster: id, name, status.',
  backends: ['openstorage'],
  columns: [
    { key: 'id', header: 'ID' },
    { key: 'name', header: 'Name' },
    { key: 'status', header: 'Status' },
  ],
  examples: ['storctl cluster show', 'storctl cluster show -o json', 'storctl -p px --transport rest cluster show'],
  async run(ctx) {
    await withOpenStorage(ctx, async (osd) => {
      const r = await osd.call('OpenStorageCluster', 'InspectCurrent');
      await ctx.printObject(obj(r.cluster));
    });
  },
});
