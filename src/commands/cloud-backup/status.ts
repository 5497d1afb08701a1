import { defineCommand } from '../../framework/command.js';
import { NotFoundError } from '../../framework/errors.js';
import { withOpenStorage } from '../../backends/openstorage/client.js';
import { taskStatuses } from '../../backends/openstorage/backups.js';
import { resolveVolume } from '../../backends/openstorage/resources.js';
import { BACKUP_STATUS_COLUMNS } from '../../backends/openstorage/views.js';

interface Opts {
  volume?: string;
  task?: string;
}

export default defineCommand<Opts>({
  summary: 'Show cloud backup and restore tasks with their progress',
  description:
    'Calls OpenStorageCloudBackup.Status. JSON records are the SDK\'s SdkCloudBackupStatus messages (bytes_done, bytes_total in bytes; times in ISO 8601) plus task_id.',
  backends: ['openstorage'],
  flags: [
    { name: 'volume', type: 'string', valueName: 'VOLUME', description: 'Only tasks of this volume (id or name)' },
    { name: 'task', type: 'string', valueName: 'TASK', description: 'Only this task' },
  ],
  columns: BACKUP_STATUS_COLUMNS,
  examples: ['storctl cloud-backup status', 'storctl cloud-backup status --volume db1', 'storctl cloud-backup status --task 3f1e… -o json'],
  async run(ctx, _args, opts) {
    await withOpenStorage(ctx, async (osd) => {
      const req: { volume_id?: string; task_id?: string } = {};
      if (opts.volume) req.volume_id = String((await resolveVolume(osd, opts.volume)).id);
      if (opts.task) req.task_id = opts.task;
      const records = await taskStatuses(osd, req);
      if (opts.task && records.length === 0) throw new NotFoundError(`Task ${opts.task} not found`, { hint: 'storctl cloud-backup status lists the tasks' });
      records.sort((a, b) => String(a.start_time ?? '').localeCompare(String(b.start_time ?? '')) || String(a.task_id).localeCompare(String(b.task_id)));
      await ctx.printList(records);
    });
  },
});
