import { defineCommand } from '../../framework/command.js';
import { cinder } from '../../backends/openstack/cinder.js';
import { listVolumes } from '../../backends/openstack/volumes.js';
import { parseLimit } from '../../backends/openstack/args.js';
import { VOLUME_COLUMNS } from '../../backends/openstack/views.js';

interface Opts {
  allProjects?: boolean;
  status?: string;
  name?: string;
  limit?: number;
}

export default defineCommand<Opts>({
  summary: 'List Cinder volumes',
  description:
    'Lists the volumes of the current project (every project with --all-projects, admins only), following Cinder\'s pages with a marker so that any number of volumes is listed, and printing each page as it arrives. One request per 1000 volumes with a cached token. JSON records are Cinder\'s volume objects (GET /volumes/detail), the same as `volume show`; sizes are GiB as in the API.',
  backends: ['openstack'],
  flags: [
    { name: 'all-projects', type: 'boolean', description: 'Volumes of every project (admin)', aliases: ['all-tenants'] },
    { name: 'status', type: 'string', valueName: 'STATUS', description: 'Only volumes in this status (available, in-use, error…)' },
    { name: 'name', type: 'string', valueName: 'NAME', description: 'Only volumes with exactly this name' },
    { name: 'limit', type: 'number', valueName: 'N', description: 'List at most N volumes' },
  ],
  columns: VOLUME_COLUMNS,
  examples: [
    'storctl volume list',
    'storctl volume list --all-projects --status error --long',
    'storctl volume list -o json | jq -r \'.[].id\'',
    'storctl volume list -c ID -c Status -o csv',
  ],
  async run(ctx, _args, opts) {
    const c = await cinder(ctx);
    const records = listVolumes(c, { allProjects: opts.allProjects, status: opts.status, name: opts.name, limit: parseLimit(opts.limit) });
    const columns = opts.allProjects ? VOLUME_COLUMNS.map((col) => (col.header === 'Project' ? { ...col, long: false } : col)) : VOLUME_COLUMNS;
    await ctx.printList(records, columns);
  },
});
