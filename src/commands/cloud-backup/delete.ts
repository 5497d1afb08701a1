import { defineCommand } from '../../framework/command.js';
import { withOpenStorage } from '../../backends/openstorage/client.js';
import { backupCredentialId } from '../../backends/openstorage/credentials.js';
import { confirmOrStop, RESULT_COLUMNS } from '../../backends/openstorage/cmd.js';

interface Opts {
  credential?: string;
}

export default defineCommand<Opts>({
  summary: 'Delete cloud backups',
  description:
    'Asks once, then calls OpenStorageCloudBackup.Delete for each backup id (ids contain "/"; quote nothing, they are passed as is) in the store of --credential (id or name); without it, the only credential the server has (with several, say which: the server refuses to guess). Prints {id, name, result} per backup.',
  backends: ['openstorage'],
  args: [{ name: 'backup', description: 'Backup ids', required: true, variadic: true }],
  flags: [{ name: 'credential', type: 'string', valueName: 'CREDENTIAL', description: 'Credential (id or name) of the store holding the backups (default: the only one)' }],
  columns: RESULT_COLUMNS,
  destructive: true,
  examples: [
    'storctl cloud-backup delete ce6b…/7a3c…-1f2e',
    'storctl cloud-backup delete ce6b…/7a3c…-1f2e --credential s3-backups --yes',
    'storctl cloud-backup list --volume-id 7a3c… -o value -c id | xargs storctl cloud-backup delete --yes',
  ],
  async run(ctx, args, opts) {
    await withOpenStorage(ctx, async (osd) => {
      const credentialId = await backupCredentialId(osd, opts.credential, 'holds the backups');
      if (!(await confirmOrStop(ctx, `Delete ${args.length === 1 ? `cloud backup ${args[0]}` : `${args.length} cloud backups`}?`))) return;
      const out = [];
      for (const id of args) {
        await osd.call('OpenStorageCloudBackup', 'Delete', credentialId ? { backup_id: id, credential_id: credentialId } : { backup_id: id });
        out.push({ id, name: '', result: 'deleted' });
      }
      await ctx.printList(out);
    });
  },
});
