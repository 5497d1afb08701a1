import { defineCommand } from '../../framework/command.js';
import { findProject } from '../../backends/openstack/keystone.js';
import { PROJECT_COLUMNS } from '../../backends/openstack/views.js';

export default defineCommand({
  summary: 'Show one Keystone project',
  description: 'PROJECT is an ID or a unique name among the projects you can see. JSON is Keystone\'s project (or v2.0 tenant) object.',
  backends: ['openstack'],
  args: [{ name: 'project', description: 'Project name or ID', required: true }],
  columns: PROJECT_COLUMNS,
  examples: ['storctl project show demo', 'storctl project show 8a77bbb8770144288333fc21a7422b55 -o json'],
  async run(ctx, args) {
    await ctx.printObject(await findProject(ctx, args[0]!), PROJECT_COLUMNS.map((col) => ({ ...col, long: false })));
  },
});
