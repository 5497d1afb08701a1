import { defineCommand } from '../../framework/command.js';
import { withOpenStorage } from '../../backends/openstorage/client.js';
import { inspectVolume, resolveVolume } from '../../backends/openstorage/resources.js';
import { VOLUME_COLUMNS } from '../../backends/openstorage/views.js';

export default defineCommand({
  summary: 'Mount an attached OpenStorage volume at a path on its node',
  description: 'Calls OpenStorageMountAttach.Mount, then prints the volume (attach_path lists its mount points). The volume must be attached first (exit 5 otherwise).',
  backends: ['openstorage'],
  args: [
    { name: 'volume', description: 'Volume id or name', required: true },
    { name: 'path', description: 'Mount point on the node', required: true },
  ],
  columns: VOLUME_COLUMNS.map((c) => ({ ...c, long: false })),
  examples: ['storctl volume mount db1 /mnt/db1'],
  async run(ctx, args) {
    await withOpenStorage(ctx, async (osd) => {
      const v = await resolveVolume(osd, args[0]!);
      await osd.call('OpenStorageMountAttach', 'Mount', { volume_id: v.id, mount_path: args[1] });
      await ctx.printObject(await inspectVolume(osd, String(v.id)));
    });
  },
});
