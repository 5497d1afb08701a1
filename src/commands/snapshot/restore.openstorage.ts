import { defineCommand } from '../../framework/command.js';
import { withOpenStorage } from '../../backends/openstorage/client.js';
import { inspectVolume, obj, resolveSnapshot, volumeName } from '../../backends/openstorage/resources.js';
import { VOLUME_COLUMNS } from '../../backends/openstorage/views.js';
import { confirmOrStop } from '../../backends/openstorage/cmd.js';

export default defineCommand({
  summary: 'Roll a volume back to one of its snapshots',
  description:
    'Calls OpenStorageVolume.SnapshotRestore on the snapshot\'s parent volume: the volume\'s data becomes the snapshot\'s. Asks first. Prints the restored volume (the SDK\'s Volume message).',
  backends: ['openstorage'],
  args: [{ name: 'snapshot', description: 'Snapshot id or name', required: true }],
  columns: VOLUME_COLUMNS.map((c) => ({ ...c, long: false })),
  destructive: true,
  examples: ['storctl snapshot restore db1-before-upgrade', 'storctl snapshot restore 5dbb… --yes'],
  async run(ctx, args) {
    await withOpenStorage(ctx, async (osd) => {
      const snap = await resolveSnapshot(osd, args[0]!);
      const volumeId = String(obj(snap.source).parent);
      const volume = await inspectVolume(osd, volumeId);
      if (!(await confirmOrStop(ctx, `Replace the data of volume ${volumeName(volume) || volumeId} with snapshot ${volumeName(snap) || String(snap.id)}?`))) return;
      await osd.call('OpenStorageVolume', 'SnapshotRestore', { volume_id: volumeId, snapshot_id: snap.id });
      await ctx.printObject(await inspectVolume(osd, volumeId));
    });
  },
});
