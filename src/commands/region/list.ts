import { defineCommand } from '../../framework/command.js';
import { listRegions } from '../../backends/openstack/keystone.js';
import { REGION_COLUMNS } from '../../backends/openstack/views.js';

export default defineCommand({
  summary: 'List Keystone regions',
  description: 'Regions known to Keystone (GET /v3/regions). Keystone v2.0 has no region API: there, the regions named in the token\'s catalog.',
  backends: ['openstack'],
  columns: REGION_COLUMNS,
  examples: ['storctl region list', 'storctl region list -o json'],
  async run(ctx) {
    await ctx.printList(await listRegions(ctx));
  },
});
