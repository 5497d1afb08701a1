import { defineCommand } from '../../framework/command.js';
import { ConflictError } from '../../framework/errors.js';
import { withOpenStorage } from '../../backends/openstorage/client.js';
import { findVolumes, inspectVolume, parentOf, parseLabels, resolveVolume, snapshotIds, volumeName } from '../../backends/openstorage/resources.js';
import { SNAPSHOT_COLUMNS } from '../../backends/openstorage/views.js';

interface Opts {
  name?: string;
  label?: string[];
}

export default defineCommand<Opts>({
  summary: 'Snapshot an OpenStorage volume',
  description:
    'Calls OpenStorageVolume.SnapshotCreate and prints the snapshot (the SDK\'s Volume message). Without --name the snapshot is called <volume>-snap-<UTC time>. Idempotent by name: when the volume already has a snapshot with that name, storctl prints it (labels unchanged) instead of taking another (the SDK itself would make a second snapshot with the same name); a name taken by any other volume or snapshot is a conflict (exit 5).',
  backends: ['openstorage'],
  args: [{ name: 'volume', description: 'Volume id or name', required: true }],
  flags: [
    { name: 'name', type: 'string', valueName: 'NAME', description: 'Snapshot name' },
    { name: 'label', short: 'l', type: 'list', valueName: 'KEY=VALUE', description: 'Label (repeatable)' },
  ],
  columns: SNAPSHOT_COLUMNS.map((c) => ({ ...c, long: false })),
  examples: ['storctl snapshot create db1 --name db1-before-upgrade', 'storctl snapshot create db1 --label reason=nightly -o json'],
  async run(ctx, args, opts) {
    const labels = parseLabels(opts.label);
    await withOpenStorage(ctx, async (osd) => {
      const v = await resolveVolume(osd, args[0]!);
      const name = opts.name ?? `${volumeName(v) || String(v.id)}-snap-${new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}`;
      const named = (await findVolumes(osd, { name })).filter((x) => volumeName(x) === name);
      if (named.length > 0) {
        const ours = named.filter((x) => parentOf(x) === String(v.id));
        const snaps = ours.length > 0 ? new Set(await snapshotIds(osd, { volumeId: String(v.id) })) : new Set<string>();
        const existing = ours.find((x) => snaps.has(String(x.id)));
        if (existing) {
          ctx.debug(`volume ${String(v.id)} already has snapshot ${String(existing.id)} named "${name}"`);
          await ctx.printObject(existing);
          return;
        }
        throw new ConflictError(`the name "${name}" is taken by ${String(named[0]!.id)}, which is not a snapshot of ${volumeName(v) || String(v.id)}`, { hint: 'choose another --name' });
      }
      const r = await osd.call('OpenStorageVolume', 'SnapshotCreate', { volume_id: v.id, name, labels });
      await ctx.printObject(await inspectVolume(osd, String(r.snapshot_id)));
    });
  },
});
