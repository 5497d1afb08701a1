import { defineCommand } from '../../../framework/command.js';
import { cinder } from '../../../backends/openstack/cinder.js';
import { listVolumeTypes } from '../../../backends/openstack/volume-types.js';
import { VOLUME_TYPE_COLUMNS } from '../../../backends/openstack/views.js';

export default defineCommand<{ all?: boolean }>({
  summary: 'List Cinder volume types',
  description: 'Public volume types; --all adds private ones (admins). Extra specs a user may not see are hidden by Cinder. JSON records are Cinder\'s volume_type objects.',
  backends: ['openstack'],
  flags: [{ name: 'all', type: 'boolean', description: 'Include private types (admin)' }],
  columns: VOLUME_TYPE_COLUMNS,
  examples: ['storctl volume type list', 'storctl volume type list --all --long'],
  async run(ctx, _args, opts) {
    const c = await cinder(ctx);
    await ctx.printList(await listVolumeTypes(c, { all: opts.all }));
  },
});
