import { defineCommand } from '../../framework/command.js';
import { withOpenStorage } from '../../backends/openstorage/client.js';
import { confirmOrStop, RESULT_COLUMNS } from '../../backends/openstorage/cmd.js';

export default defineCommand({
  summary: 'Delete cloud backups',
  description: 'Asks once, then calls OpenStorageCloudBackup.Delete for each backup id (ids contain "/"; quote nothing, they are passed as is). Prints {id, name, result} per backup.',
  backends: ['openstorage'],
  args: [{ name: 'backup', description: 'Backup ids', required: true, variadic: true }],
  columns: RESULT_COLUMNS,
  destructive: true,
  examples: ['storctl cloud-backup delete ce6b…/7a3c…-1f2e', 'storctl cloud-backup list --volume-id 7a3c… -o value -c id | xargs storctl cloud-backup delete --yes'],
  async run(ctx, args) {
    await withOpenStorage(ctx, async (osd) => {
      if (!(await confirmOrStop(ctx, `Delete ${args.length === 1 ? `cloud backup ${args[0]}` : `${args.length} cloud backups`}?`))) return;
      const out = [];
      for (const id of args) {
        await osd.call('OpenStorageCloudBackup', 'Delete', { backup_id: id });
        out.push({ id, name: '', result: 'deleted' });
      }
      await ctx.printList(out);
    });
  },
});
