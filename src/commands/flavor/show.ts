import { defineCommand } from '../../framework/command.js';
import { findFlavor } from '../../backends/openstack/nova.js';
import { FLAVOR_COLUMNS } from '../../backends/openstack/views.js';

export default defineCommand({
  summary: 'Show one Nova flavor',
  description: 'FLAVOR is an ID (tried first: flavor IDs may be any string) or a unique name. JSON is Nova\'s flavor object, as in `flavor list -o json`.',
  backends: ['openstack'],
  args: [{ name: 'flavor', description: 'Flavor ID or name', required: true }],
  columns: FLAVOR_COLUMNS,
  examples: ['storctl flavor show m1.small', 'storctl flavor show 2 -o json'],
  async run(ctx, args) {
    await ctx.printObject(await findFlavor(ctx, args[0]!), FLAVOR_COLUMNS.map((col) => ({ ...col, long: false })));
  },
});
