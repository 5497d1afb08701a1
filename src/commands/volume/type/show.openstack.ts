import { defineCommand } from '../../../framework/command.js';
import { cinder } from '../../../backends/openstack/cinder.js';
import { findVolumeType } from '../../../backends/openstack/volume-types.js';
import { VOLUME_TYPE_COLUMNS } from '../../../backends/openstack/views.js';

export default defineCommand({
  summary: 'Show one Cinder volume type',
  description: 'TYPE is a name or an ID. JSON is Cinder\'s volume_type object, as in `volume type list -o json`.',
  backends: ['openstack'],
  args: [{ name: 'type', description: 'Volume type name or ID', required: true }],
  columns: VOLUME_TYPE_COLUMNS,
  examples: ['storctl volume type show ssd', 'storctl volume type show __DEFAULT__ -o json'],
  async run(ctx, args) {
    const c = await cinder(ctx);
    await ctx.printObject(await findVolumeType(c, args[0]!), VOLUME_TYPE_COLUMNS.map((col) => ({ ...col, long: false })));
  },
});
