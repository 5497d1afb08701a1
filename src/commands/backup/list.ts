import { defineCommand } from '../../framework/command.js';
import { cinder } from '../../backends/openstack/cinder.js';
import { listBackups } from '../../backends/openstack/backups.js';
import { findVolume } from '../../backends/openstack/volumes.js';
import { parseLimit } from '../../backends/openstack/args.js';
import { BACKUP_COLUMNS } from '../../backends/openstack/views.js';

interface Opts {
  allProjects?: boolean;
  volume?: string;
  status?: string;
  name?: string;
  limit?: number;
}

export default defineCommand<Opts>({
  summary: 'List Cinder backups',
  description: 'Backups of the current project (every project with --all-projects, admins), paged and streamed. JSON records are Cinder\'s backup objects (GET /backups/detail), the same as `backup show`; sizes are GiB.',
  backends: ['openstack'],
  flags: [
    { name: 'all-projects', type: 'boolean', description: 'Backups of every project (admin)', aliases: ['all-tenants'] },
    { name: 'volume', type: 'string', valueName: 'VOLUME', description: 'Only backups of this volume (name or ID)' },
    { name: 'status', type: 'string', valueName: 'STATUS', description: 'Only backups in this status' },
    { name: 'name', type: 'string', valueName: 'NAME', description: 'Only backups with exactly this name' },
    { name: 'limit', type: 'number', valueName: 'N', description: 'List at most N backups' },
  ],
  columns: BACKUP_COLUMNS,
  examples: ['storctl backup list', 'storctl backup list --volume db-data --long', 'storctl backup list --status error -o json'],
  async run(ctx, _args, opts) {
    const c = await cinder(ctx);
    const volumeId = opts.volume !== undefined ? (await findVolume(c, opts.volume)).id : undefined;
    await ctx.printList(listBackups(c, { allProjects: opts.allProjects, status: opts.status, name: opts.name, volumeId, limit: parseLimit(opts.limit) }));
  },
});
