import { defineCommand } from '../../framework/command.js';
import { listProjects } from '../../backends/openstack/keystone.js';
import { PROJECT_COLUMNS } from '../../backends/openstack/views.js';

export default defineCommand({
  summary: 'List Keystone projects',
  description:
    'Admins see every project (GET /v3/projects); other users the projects they have a role on (GET /v3/auth/projects). Keystone v2.0 profiles list tenants (GET /v2.0/tenants). JSON records are Keystone\'s project (or tenant) objects.',
  backends: ['openstack'],
  columns: PROJECT_COLUMNS,
  examples: ['storctl project list', 'storctl project list --long -o json'],
  async run(ctx) {
    await ctx.printList(await listProjects(ctx));
  },
});
