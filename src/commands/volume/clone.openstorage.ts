import { defineCommand } from '../../framework/command.js';
import { withOpenStorage } from '../../backends/openstorage/client.js';
import { inspectVolume, parseLabels, resolveVolume } from '../../backends/openstorage/resources.js';
import { VOLUME_COLUMNS } from '../../backends/openstorage/views.js';

interface Opts {
  label?: string[];
}

export default defineCommand<Opts>({
  summary: 'Clone an OpenStorage volume (or snapshot) into a new volume',
  description: 'Calls OpenStorageVolume.Clone, then prints the new volume (the SDK\'s Volume message; source.parent is the original).',
  backends: ['openstorage'],
  args: [
    { name: 'source', description: 'Volume or snapshot id or name', required: true },
    { name: 'name', description: 'Name of the new volume', required: true },
  ],
  flags: [{ name: 'label', short: 'l', type: 'list', valueName: 'KEY=VALUE', description: 'Extra label on the clone (repeatable)' }],
  columns: VOLUME_COLUMNS.map((c) => ({ ...c, long: false })),
  examples: ['storctl volume clone db1 db1-copy', 'storctl volume clone db1-snap db1-restored --label restored=yes'],
  async run(ctx, args, opts) {
    await withOpenStorage(ctx, async (osd) => {
      const src = await resolveVolume(osd, args[0]!);
      const r = await osd.call('OpenStorageVolume', 'Clone', { name: args[1], parent_id: src.id, additional_labels: parseLabels(opts.label) });
      await ctx.printObject(await inspectVolume(osd, String(r.volume_id)));
    });
  },
});
