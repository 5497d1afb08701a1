import { defineCommand } from '../../framework/command.js';
import { withOpenStorage } from '../../backends/openstorage/client.js';
import { obj, resolveVolume } from '../../backends/openstorage/resources.js';
import { STATS_COLUMNS } from '../../backends/openstorage/views.js';

export default defineCommand({
  summary: 'Show IO statistics of an OpenStorage volume',
  description: 'Calls OpenStorageVolume.Stats. The JSON record is the SDK\'s Stats message: counts, bytes and milliseconds as numbers.',
  backends: ['openstorage'],
  args: [{ name: 'volume', description: 'Volume id or name', required: true }],
  columns: STATS_COLUMNS,
  examples: ['storctl volume stats db1', 'storctl volume stats db1 -o json | jq .bytes_used'],
  async run(ctx, args) {
    await withOpenStorage(ctx, async (osd) => {
      const v = await resolveVolume(osd, args[0]!);
      const r = await osd.call('OpenStorageVolume', 'Stats', { volume_id: v.id });
      await ctx.printObject(obj(r.stats));
    });
  },
});
