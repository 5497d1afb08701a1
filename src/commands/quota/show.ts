import { defineCommand } from '../../framework/command.js';
import { cinder } from '../../backends/openstack/cinder.js';
import { getQuotas } from '../../backends/openstack/cinder-admin.js';
import { targetProject } from '../../backends/openstack/project-ref.js';
import { QUOTA_COLUMNS } from '../../backends/openstack/views.js';

export default defineCommand<{ default?: boolean }>({
  summary: 'Show Cinder quotas and usage of a project',
  description:
    'One row per Cinder quota (volumes, gigabytes, snapshots, backups, per-type quotas…) with its limit, what is in use and what is reserved; -1 means unlimited. PROJECT is a name or ID (default: the profile\'s project); other projects need the admin role. --default shows the defaults new projects get.',
  backends: ['openstack'],
  args: [{ name: 'project', description: 'Project name or ID (default: the current project)' }],
  flags: [{ name: 'default', type: 'boolean', description: 'Show the default quotas instead' }],
  columns: QUOTA_COLUMNS,
  examples: ['storctl quota show', 'storctl quota show demo -o json', 'storctl quota show --default'],
  async run(ctx, args, opts) {
    const [c, projectId] = await Promise.all([cinder(ctx), targetProject(ctx, args[0])]);
    await ctx.printList(await getQuotas(c, projectId, { defaults: opts.default }));
  },
});
