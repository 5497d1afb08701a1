import { defineCommand } from '../../../framework/command.js';
import { cinder } from '../../../backends/openstack/cinder.js';
import { deleteVolumeType, findVolumeType } from '../../../backends/openstack/volume-types.js';

export default defineCommand({
  summary: 'Delete Cinder volume types (admin)',
  description: 'Deletes one or more volume types (names or IDs). Cinder refuses a type that volumes still use, and the default type (exit 5).',
  backends: ['openstack'],
  destructive: true,
  args: [{ name: 'type', description: 'Volume type names or IDs', required: true, variadic: true }],
  examples: ['storctl volume type delete ssd-old --yes'],
  async run(ctx, args) {
    const c = await cinder(ctx);
    const types = await Promise.all(args.map((ref) => findVolumeType(c, ref)));
    if (!(await ctx.confirm(`Delete volume type${types.length > 1 ? 's' : ''} ${types.map((t) => `${t.name} (${t.id})`).join(', ')}?`))) return;
    for (const t of types) await deleteVolumeType(c, t.id);
  },
});
