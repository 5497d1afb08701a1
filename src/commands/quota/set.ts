import { defineCommand } from '../../framework/command.js';
import { UsageError } from '../../framework/errors.js';
import { cinder } from '../../backends/openstack/cinder.js';
import { setQuotas } from '../../backends/openstack/cinder-admin.js';
import { targetProject } from '../../backends/openstack/project-ref.js';
import { QUOTA_COLUMNS } from '../../backends/openstack/views.js';

interface Opts {
  volumes?: number;
  snapshots?: number;
  gigabytes?: number;
  backups?: number;
  backupGigabytes?: number;
  perVolumeGigabytes?: number;
  groups?: number;
  volumeType?: string;
}

const PER_TYPE = new Set(['volumes', 'snapshots', 'gigabytes']);

export default defineCommand<Opts>({
  summary: 'Change Cinder quotas of a project (admin)',
  description:
    'Sets the given limits (-1 = unlimited) for PROJECT (name or ID; default: the profile\'s project). With --volume-type, --volumes, --snapshots and --gigabytes set that type\'s quotas (volumes_<type>…). Cinder refuses a limit below current usage. Prints the resulting limits.',
  backends: ['openstack'],
  args: [{ name: 'project', description: 'Project name or ID (default: the current project)' }],
  flags: [
    { name: 'volumes', type: 'number', valueName: 'N', description: 'Number of volumes' },
    { name: 'snapshots', type: 'number', valueName: 'N', description: 'Number of snapshots' },
    { name: 'gigabytes', type: 'number', valueName: 'GiB', description: 'GiB of volumes and snapshots' },
    { name: 'backups', type: 'number', valueName: 'N', description: 'Number of backups' },
    { name: 'backup-gigabytes', type: 'number', valueName: 'GiB', description: 'GiB of backups' },
    { name: 'per-volume-gigabytes', type: 'number', valueName: 'GiB', description: 'Largest volume' },
    { name: 'groups', type: 'number', valueName: 'N', description: 'Number of volume groups' },
    { name: 'volume-type', type: 'string', valueName: 'TYPE', description: 'Apply --volumes/--snapshots/--gigabytes to this volume type' },
  ],
  columns: QUOTA_COLUMNS,
  examples: ['storctl quota set demo --volumes 50 --gigabytes 2000', 'storctl quota set demo --volume-type ssd --gigabytes 500'],
  async run(ctx, args, opts) {
    const given: Record<string, number | undefined> = {
      volumes: opts.volumes,
      snapshots: opts.snapshots,
      gigabytes: opts.gigabytes,
      backups: opts.backups,
      backup_gigabytes: opts.backupGigabytes,
      per_volume_gigabytes: opts.perVolumeGigabytes,
      groups: opts.groups,
    };
    const limits: Record<string, number> = {};
    for (const [key, value] of Object.entries(given)) {
      if (value === undefined) continue;
      if (!Number.isInteger(value) || value < -1) throw new UsageError(`--${key.replace(/_/g, '-')} must be a whole number, -1 for unlimited`);
      if (opts.volumeType !== undefined) {
        if (!PER_TYPE.has(key)) throw new UsageError(`--${key.replace(/_/g, '-')} has no per-type quota`, { hint: '--volume-type applies to --volumes, --snapshots and --gigabytes' });
        limits[`${key}_${opts.volumeType}`] = value;
      } else limits[key] = value;
    }
    if (!Object.keys(limits).length) throw new UsageError('nothing to change', { hint: 'e.g. --volumes 20 (see storctl quota set --help)' });
    const [c, projectId] = await Promise.all([cinder(ctx), targetProject(ctx, args[0])]);
    await ctx.printList(await setQuotas(c, projectId, limits));
  },
});
