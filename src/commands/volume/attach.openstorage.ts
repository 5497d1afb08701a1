import { defineCommand } from '../../framework/command.js';
import { withOpenStorage } from '../../backends/openstorage/client.js';
import { inspectVolume, resolveVolume } from '../../backends/openstorage/resources.js';
import { VOLUME_COLUMNS } from '../../backends/openstorage/views.js';

export default defineCommand({
  summary: 'Attach an OpenStorage volume to the node that serves the SDK',
  description:
    'Calls OpenStorageMountAttach.Attach (the volume gets a device path on the node answering the call), then prints the volume (the SDK\'s Volume message: state, attached_on, device_path).',
  backends: ['openstorage'],
  args: [{ name: 'volume', description: 'Volume id or name', required: true }],
  columns: VOLUME_COLUMNS.map((c) => ({ ...c, long: false })),
  examples: ['storctl volume attach db1', 'storctl volume attach db1 -o json | jq -r .device_path'],
  async run(ctx, args) {
    await withOpenStorage(ctx, async (osd) => {
      const v = await resolveVolume(osd, args[0]!);
      await osd.call('OpenStorageMountAttach', 'Attach', { volume_id: v.id });
      await ctx.printObject(await inspectVolume(osd, String(v.id)));
    });
  },
});
