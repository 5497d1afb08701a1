import { defineCommand } from '../../framework/command.js';
import { withOpenStorage } from '../../backends/openstorage/client.js';
import { resolveSnapshot, volumeName } from '../../backends/openstorage/resources.js';
import { confirmOrStop, RESULT_COLUMNS } from '../../backends/openstorage/cmd.js';

export default defineCommand({
  summary: 'Delete OpenStorage snapshots',
  description: 'Checks that each id or name is a snapshot (not a volume), asks once, then deletes them (OpenStorageVolume.Delete). Prints {id, name, result} per snapshot.',
  backends: ['openstorage'],
  args: [{ name: 'snapshot', description: 'Snapshot ids or names', required: true, variadic: true }],
  columns: RESULT_COLUMNS,
  destructive: true,
  examples: ['storctl snapshot delete db1-before-upgrade', 'storctl snapshot delete 5dbb… 77af… --yes'],
  async run(ctx, args) {
    await withOpenStorage(ctx, async (osd) => {
      const snaps = [];
      for (const ref of args) snaps.push(await resolveSnapshot(osd, ref));
      const names = snaps.map((s) => volumeName(s) || String(s.id)).join(', ');
      if (!(await confirmOrStop(ctx, `Delete ${snaps.length === 1 ? 'snapshot' : `${snaps.length} snapshots`} ${names}?`))) return;
      const out = [];
      for (const s of snaps) {
        await osd.call('OpenStorageVolume', 'Delete', { volume_id: s.id });
        out.push({ id: s.id, name: volumeName(s), result: 'deleted' });
      }
      await ctx.printList(out);
    });
  },
});
