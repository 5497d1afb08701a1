import { defineCommand } from '../../framework/command.js';
import { ServerError } from '../../framework/errors.js';
import { withOpenStorage } from '../../backends/openstorage/client.js';
import { backupCredentialId } from '../../backends/openstorage/credentials.js';
import { failedStatus, restoreStatus, taskStatus, waitForRestore, waitForTask } from '../../backends/openstorage/backups.js';
import { parseLabels } from '../../backends/openstorage/resources.js';
import type { Rec } from '../../backends/openstorage/normalize.js';
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
    'Calls OpenStorageCloudBackup.Restore and prints restore_volume_id (the new volume) with the restore task\'s status (the SDK\'s SdkCloudBackupStatus plus task_id). When the reply has no task_id (upstream\'s SDK may leave it out), the task is the restore found by the new volume\'s id in OpenStorageCloudBackup.Status, if the server lists one; never another task. With --wait, polls until the restore finishes.',
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
      const volumeId = String(r.restore_volume_id ?? '');
      const taskId = String(r.task_id ?? '');
      let status: Rec | undefined;
      if (taskId !== '') {
        status = opts.wait ? await waitForTask(ctx, osd, taskId) : ((await taskStatus(osd, taskId)) ?? { task_id: taskId });
      } else if (volumeId !== '') {
        status = await restoreStatus(osd, volumeId);
        if (opts.wait) {
          if (status) status = await waitForRestore(ctx, osd, volumeId);
          else ctx.warn(`the server returned no restore task and lists none for volume ${volumeId}: nothing to wait for`);
        }
      }
      await ctx.printObject({ restore_volume_id: volumeId, ...(status ?? {}) });
      const what = status?.task_id ? `restore task ${String(status.task_id)}` : `restore into volume ${volumeId}`;
      if (opts.wait && status && failedStatus(status)) throw new ServerError(`${what} ended ${String(status.status)}`);
    });
  },
});
