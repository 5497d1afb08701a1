import { defineCommand } from '../../framework/command.js';
import { UsageError } from '../../framework/errors.js';
import { cinder } from '../../backends/openstack/cinder.js';
import { findBackup, restoreBackup } from '../../backends/openstack/backups.js';
import { findVolume, volumeWait } from '../../backends/openstack/volumes.js';
import { waitFor } from '../../backends/openstack/wait.js';

interface Opts {
  name?: string;
  wait?: boolean;
}

export default defineCommand<Opts>({
  summary: 'Restore a Cinder backup',
  description:
    'Restores BACKUP into an existing available VOLUME (its data is overwritten; asks first) or, without VOLUME, into a new volume (--name). Prints Cinder\'s restore answer (backup_id, volume_id, volume_name). With --wait the command returns once the volume is available and fails when it ends in error_restoring. Without a running cinder-backup service Cinder refuses with "Service cinder-backup could not be found." (exit 7; a new volume it made for the restore stays).',
  backends: ['openstack'],
  args: [
    { name: 'backup', description: 'Backup name or ID', required: true },
    { name: 'volume', description: 'Volume to overwrite (name or ID); default: a new volume' },
  ],
  flags: [
    { name: 'name', type: 'string', valueName: 'NAME', description: 'Name of the new volume' },
    { name: 'wait', type: 'boolean', description: 'Wait until the restored volume is available' },
  ],
  columns: [
    { key: 'backup_id', header: 'Backup ID' },
    { key: 'volume_id', header: 'Volume ID' },
    { key: 'volume_name', header: 'Volume Name' },
  ],
  examples: ['storctl backup restore db-weekly --name db-restored --wait', 'storctl backup restore db-weekly db-data --yes'],
  async run(ctx, args, opts) {
    if (args[1] !== undefined && opts.name !== undefined) throw new UsageError('--name is for a new volume; it does not rename VOLUME');
    const c = await cinder(ctx);
    const backup = await findBackup(c, args[0]!);
    const target = args[1] !== undefined ? await findVolume(c, args[1]) : undefined;
    if (target && !(await ctx.confirm(`Overwrite volume ${target.name ? `${target.name} (${target.id})` : target.id} with backup ${backup.name || backup.id}?`))) return;
    const result = await restoreBackup(c, backup.id, { ...(target ? { volume_id: target.id } : {}), ...(opts.name !== undefined ? { name: opts.name } : {}) });
    if (opts.wait) await waitFor(ctx, volumeWait(c, { id: result.volume_id, name: result.volume_name ?? null }, ['available']));
    await ctx.printObject(result as unknown as Record<string, unknown>);
  },
});
