import { defineCommand } from '../../framework/command.js';
import { withOpenStorage } from '../../backends/openstorage/client.js';
import { inspectVolume, resolveVolume } from '../../backends/openstorage/resources.js';
import { VOLUME_COLUMNS } from '../../backends/openstorage/views.js';

export default defineCommand({
  summary: 'Unmount an OpenStorage volume from a path',
  description: 'Calls OpenStorageMountAttach.Unmount, then prints the volume.',
  backends: ['openstorage'],
  args: [
    { name: 'volume', description: 'Volume id or name', required: true },
    { name: 'path', description: 'Mount point on the node', required: true },
  ],
  columns: VOLUME_COLUMNS.map((c) => ({ ...c, long: false })),
  examples: ['storctl volume unmount db1 /mnt/db1'],
  async run(ctx, args) {
    await withOpenStorage(ctx, async (osd) => {
      const v = await resolveVolume(osd, args[0]!);
      await osd.call('OpenStorageMountAttach', 'Unmount', { volume_id: v.id, mount_path: args[1] });
      await ctx.printObject(await inspectVolume(osd, String(v.id)));
    });
  },
});
