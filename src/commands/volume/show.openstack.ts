import { defineCommand } from '../../framework/command.js';
import { cinder } from '../../backends/openstack/cinder.js';
import { findVolume } from '../../backends/openstack/volumes.js';
import { VOLUME_COLUMNS, VOLUME_SHOW_COLUMNS } from '../../backends/openstack/views.js';

export default defineCommand({
  summary: 'Show one Cinder volume',
  description:
    'VOLUME is an ID or a unique name. An ambiguous name is an error listing the matching IDs (exit 5); an unknown one exits 4. JSON is Cinder\'s volume object, the same fields as in `volume list -o json`.',
  backends: ['openstack'],
  args: [{ name: 'volume', description: 'Volume name or ID', required: true }],
  columns: VOLUME_COLUMNS,
  examples: ['storctl volume show db-data', 'storctl volume show 5c1e0f53-6d3b-4c4e-9d8e-2f0b8f5d1a77 -o json'],
  async run(ctx, args) {
    const c = await cinder(ctx);
    await ctx.printObject(await findVolume(c, args[0]!), VOLUME_SHOW_COLUMNS);
  },
});
