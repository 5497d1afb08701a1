import { defineCommand } from '../../framework/command.js';
import { withOpenStorage } from '../../backends/openstorage/client.js';
import { inspectVolume, resolveVolume } from '../../backends/openstorage/resources.js';
import { VOLUME_COLUMNS } from '../../backends/openstorage/views.js';

interface Opts {
  force?: boolean;
  unmount?: boolean;
}

export default defineCommand<Opts>({
  summary: 'Detach an OpenStorage volume',
  description:
    'Calls OpenStorageMountAttach.Detach, then prints the volume. A volume that is still mounted is refused (exit 5) unless --unmount (unmount first) or --force.',
  backends: ['openstorage'],
  args: [{ name: 'volume', description: 'Volume id or name', required: true }],
  flags: [
    { name: 'unmount', type: 'boolean', description: 'Unmount it first if it is mounted' },
    { name: 'force', type: 'boolean', description: 'Detach even if in use' },
  ],
  columns: VOLUME_COLUMNS.map((c) => ({ ...c, long: false })),
  examples: ['storctl volume detach db1', 'storctl volume detach db1 --unmount'],
  async run(ctx, args, opts) {
    await withOpenStorage(ctx, async (osd) => {
      const v = await resolveVolume(osd, args[0]!);
      const options: Record<string, unknown> = {};
      if (opts.force) options.force = true;
      if (opts.unmount) options.unmount_before_detach = true;
      await osd.call('OpenStorageMountAttach', 'Detach', { volume_id: v.id, options });
      await ctx.printObject(await inspectVolume(osd, String(v.id)));
    });
  },
});
