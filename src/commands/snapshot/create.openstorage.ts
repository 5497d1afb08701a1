import { defineCommand } from '../../framework/command.js';
import { withOpenStorage } from '../../backends/openstorage/client.js';
import { inspectVolume, parseLabels, resolveVolume, volumeName } from '../../backends/openstorage/resources.js';
import { SNAPSHOT_COLUMNS } from '../../backends/openstorage/views.js';

interface Opts {
  name?: string;
  label?: string[];
}

export default defineCommand<Opts>({
  summary: 'Snapshot an OpenStorage volume',
  description:
    'Calls OpenStorageVolume.SnapshotCreate and prints the snapshot (the SDK\'s Volume message). Without --name the snapshot is called <volume>-snap-<UTC time>. Taking a snapshot with a name that already exists for the same volume returns that snapshot (the SDK is idempotent by name).',
  backends: ['openstorage'],
  args: [{ name: 'volume', description: 'Volume id or name', required: true }],
  flags: [
    { name: 'name', type: 'string', valueName: 'NAME', description: 'Snapshot name' },
    { name: 'label', short: 'l', type: 'list', valueName: 'KEY=VALUE', description: 'Label (repeatable)' },
  ],
  columns: SNAPSHOT_COLUMNS.map((c) => ({ ...c, long: false })),
  examples: ['storctl snapshot create db1 --name db1-before-upgrade', 'storctl snapshot create db1 --label reason=nightly -o json'],
  async run(ctx, args, opts) {
    await withOpenStorage(ctx, async (osd) => {
      const v = await resolveVolume(osd, args[0]!);
      const name = opts.name ?? `${volumeName(v) || String(v.id)}-snap-${new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}`;
      const r = await osd.call('OpenStorageVolume', 'SnapshotCreate', { volume_id: v.id, name, labels: parseLabels(opts.label) });
      await ctx.printObject(await inspectVolume(osd, String(r.snapshot_id)));
    });
  },
});
