import { defineCommand } from '../../framework/command.js';
import { withOpenStorage } from '../../backends/openstorage/client.js';
import { resolveVolume, volumeName } from '../../backends/openstorage/resources.js';
import { confirmOrStop, RESULT_COLUMNS } from '../../backends/openstorage/cmd.js';

export default defineCommand({
  summary: 'Delete OpenStorage volumes',
  description:
    'Resolves each id or name first (so a typo deletes nothing), asks once, then calls OpenStorageVolume.Delete for each. Prints one record per volume: {id, name, result: "deleted"}.',
  backends: ['openstorage'],
  args: [{ name: 'volume', description: 'Volume ids or names', required: true, variadic: true }],
  columns: RESULT_COLUMNS,
  destructive: true,
  examples: ['storctl volume delete db1', 'storctl volume delete db1 db2 --yes'],
  async run(ctx, args) {
    await withOpenStorage(ctx, async (osd) => {
      const volumes = [];
      for (const ref of args) volumes.push(await resolveVolume(osd, ref));
      const names = volumes.map((v) => volumeName(v) || String(v.id)).join(', ');
      if (!(await confirmOrStop(ctx, `Delete ${volumes.length === 1 ? 'volume' : `${volumes.length} volumes`} ${names}?`))) return;
      const out = [];
      for (const v of volumes) {
        await osd.call('OpenStorageVolume', 'Delete', { volume_id: v.id });
        out.push({ id: v.id, name: volumeName(v), result: 'deleted' });
      }
      await ctx.printList(out);
    });
  },
});
