import { defineCommand } from '../../framework/command.js';
import { cinder } from '../../backends/openstack/cinder.js';
import { getLimits } from '../../backends/openstack/cinder-admin.js';
import { LIMIT_COLUMNS } from '../../backends/openstack/views.js';

export default defineCommand({
  summary: 'Show Cinder absolute limits of the current project',
  description: 'Cinder\'s absolute limits (maxTotalVolumes, totalGigabytesUsed…) as name/value rows, in the server\'s names; -1 means unlimited.',
  backends: ['openstack'],
  columns: LIMIT_COLUMNS,
  examples: ['storctl limits show', 'storctl limits show -o json'],
  async run(ctx) {
    const c = await cinder(ctx);
    await ctx.printList(await getLimits(c));
  },
});
