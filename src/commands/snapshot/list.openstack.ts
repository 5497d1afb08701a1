import { defineCommand } from '../../framework/command.js';
import { cinder } from '../../backends/openstack/cinder.js';
import { listSnapshots } from '../../backends/openstack/snapshots.js';
import { findVolume } from '../../backends/openstack/volumes.js';
import { parseLimit } from '../../backends/openstack/args.js';
import { SNAPSHOT_COLUMNS } from '../../backends/openstack/views.js';

interface Opts {
  allProjects?: boolean;
  volume?: string;
  status?: string;
  name?: string;
  limit?: number;
}

export default defineCommand<Opts>({
  summary: 'List Cinder snapshots',
  description: 'Snapshots of the current project (every project with --all-projects, admins), paged with a marker and streamed. JSON records are Cinder\'s snapshot objects (GET /snapshots/detail), the same as `snapshot show`; sizes are GiB.',
  backends: ['openstack'],
  flags: [
    { name: 'all-projects', type: 'boolean', description: 'Snapshots of every project (admin)', aliases: ['all-tenants'] },
    { name: 'volume', type: 'string', valueName: 'VOLUME', description: 'Only snapshots of this volume (name or ID)' },
    { name: 'status', type: 'string', valueName: 'STATUS', description: 'Only snapshots in this status' },
    { name: 'name', type: 'string', valueName: 'NAME', description: 'Only snapshots with exactly this name' },
    { name: 'limit', type: 'number', valueName: 'N', description: 'List at most N snapshots' },
  ],
  columns: SNAPSHOT_COLUMNS,
  examples: ['storctl snapshot list', 'storctl snapshot list --volume db-data --long', 'storctl snapshot list --all-projects -o json'],
  async run(ctx, _args, opts) {
    const c = await cinder(ctx);
    const volumeId = opts.volume !== undefined ? (await findVolume(c, opts.volume)).id : undefined;
    const columns = opts.allProjects ? SNAPSHOT_COLUMNS.map((col) => (col.header === 'Project' ? { ...col, long: false } : col)) : SNAPSHOT_COLUMNS;
    await ctx.printList(listSnapshots(c, { allProjects: opts.allProjects, status: opts.status, name: opts.name, volumeId, limit: parseLimit(opts.limit) }), columns);
  },
});
