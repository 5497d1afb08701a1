import { defineCommand } from '../../framework/command.js';
import { ServerError } from '../../framework/errors.js';
import { withOpenStorage } from '../../backends/openstorage/client.js';
import { backupCredentialId } from '../../backends/openstorage/credentials.js';
import { failedStatus, taskStatuses, waitForTask } from '../../backends/openstorage/backups.js';
import { parseLabels } from '../../backends/openstorage/resources.js';
import { BACKUP_STATUS_COLUMNS } from '../../backends/openstorage/views.js';

interface Opts {
  name?: string;
  credential?: string;
  label?: string[];
  wait?: boolean;
}

export default defineCommand<Opts>({
  summary: 'Restore a cloud backup into a new volume',
  description:
    'Calls OpenStorageCloudBackup.Restore and prints the restore task\'s status (the SDK\'s SdkCloudBackupStatus plus task_id and restore_volume_id, the new volume). With --wait, polls until the restore finishes.',
  backends: ['openstorage'],
  args: [{ name: 'backup', description: 'Backup id (as in cloud-backup list)', required: true }],
  flags: [
    { name: 'name', type: 'string', valueName: 'NAME', description: 'Name of the new volume (default: chosen by the server)' },
    { name: 'credential', type: 'string', valueName: 'CREDENTIAL', description: 'Credential (id or name) of the store (default: the only one)' },
    { name: 'label', short: 'l', type: 'list', valueName: 'KEY=VALUE', description: 'Label on the new volume (repeatable)' },
    { name: 'wait', type: 'boolean', description: 'Wait until the restore is done' },
  ],
  columns: [{ key: 'restore_volume_id', header: 'Volume' }, ...BACKUP_STATUS_COLUMNS.map((c) => ({ ...c, long: false }))],
  examples: ['storctl cloud-backup restore ce6b…/7a3c…-1f2e --name db1-restored --wait'],
  async run(ctx, args, opts) {
    await withOpenStorage(ctx, async (osd) => {
      const req: Record<string, unknown> = { backup_id: args[0] };
      if (opts.name) req.restore_volume_name = opts.name;
      const credentialId = await backupCredentialId(osd, opts.credential, 'holds the backup');
      if (credentialId) req.credential_id = credentialId;
      const labels = parseLabels(opts.label);
      if (Object.keys(labels).length > 0) req.locator = { volume_labels: labels };
      const r = await osd.call('OpenStorageCloudBackup', 'Restore', req);
      const taskId = String(r.task_id);
      const status = opts.wait ? await waitForTask(ctx, osd, taskId) : ((await taskStatuses(osd, { task_id: taskId }))[0] ?? { task_id: taskId });
      await ctx.printObject({ restore_volume_id: r.restore_volume_id, ...status });
      if (opts.wait && failedStatus(status)) throw new ServerError(`restore task ${taskId} ended ${String(status.status)}`);
    });
  },
});
