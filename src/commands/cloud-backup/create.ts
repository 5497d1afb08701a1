import { defineCommand } from '../../framework/command.js';
import { ServerError } from '../../framework/errors.js';
import { withOpenStorage } from '../../backends/openstorage/client.js';
import { backupCredentialId } from '../../backends/openstorage/credentials.js';
import { failedStatus, taskStatus, waitForTask } from '../../backends/openstorage/backups.js';
import { parseLabels, resolveVolume } from '../../backends/openstorage/resources.js';
import { BACKUP_STATUS_COLUMNS } from '../../backends/openstorage/views.js';

interface Opts {
  credential?: string;
  label?: string[];
  full?: boolean;
  wait?: boolean;
}

export default defineCommand<Opts>({
  summary: 'Back a volume up to the cloud',
  description:
    'Calls OpenStorageCloudBackup.Create and prints the task\'s status (the SDK\'s SdkCloudBackupStatus plus task_id; backup_id is the new backup\'s id). With --wait, polls until the task finishes and fails (exit 7) if it did not succeed. Without --credential the only credential is used (with several, say which).',
  backends: ['openstorage'],
  args: [{ name: 'volume', description: 'Volume id or name', required: true }],
  flags: [
    { name: 'credential', type: 'string', valueName: 'CREDENTIAL', description: 'Credential (id or name) of the store (default: the only one)' },
    { name: 'label', short: 'l', type: 'list', valueName: 'KEY=VALUE', description: 'Metadata on the backup (repeatable)' },
    { name: 'full', type: 'boolean', description: 'A full backup, not incremental' },
    { name: 'wait', type: 'boolean', description: 'Wait until the backup is done' },
  ],
  columns: BACKUP_STATUS_COLUMNS.map((c) => ({ ...c, long: false })),
  examples: ['storctl cloud-backup create db1 --credential s3-backups', 'storctl cloud-backup create db1 --wait -o json | jq -r .backup_id'],
  async run(ctx, args, opts) {
    await withOpenStorage(ctx, async (osd) => {
      const v = await resolveVolume(osd, args[0]!);
      const req: Record<string, unknown> = { volume_id: v.id, labels: parseLabels(opts.label) };
      const credentialId = await backupCredentialId(osd, opts.credential, 'to back up to');
      if (credentialId) req.credential_id = credentialId;
      if (opts.full) req.full = true;
      const r = await osd.call('OpenStorageCloudBackup', 'Create', req);
      const taskId = String(r.task_id ?? '');
      if (taskId === '') throw new ServerError('the server started the backup without naming its task', { hint: `storctl cloud-backup status --volume ${String(v.id)}` });
      const status = opts.wait ? await waitForTask(ctx, osd, taskId) : ((await taskStatus(osd, taskId)) ?? { task_id: taskId });
      await ctx.printObject(status);
      if (opts.wait && failedStatus(status)) throw new ServerError(`backup task ${taskId} ended ${String(status.status)}`, { hint: `storctl cloud-backup status --task ${taskId} -o json` });
    });
  },
});
