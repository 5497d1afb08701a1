import { defineCommand } from '../../framework/command.js';
import { ServerError } from '../../framework/errors.js';
import { cinder } from '../../backends/openstack/cinder.js';
import { findVolume, getVolume, volumeAction, volumeWait } from '../../backends/openstack/volumes.js';
import { findVolumeType } from '../../backends/openstack/volume-types.js';
import { waitFor } from '../../backends/openstack/wait.js';
import { VOLUME_COLUMNS, VOLUME_SHOW_COLUMNS } from '../../backends/openstack/views.js';

interface Opts {
  migrationPolicy?: string;
  wait?: boolean;
}

export default defineCommand<Opts>({
  summary: 'Change a Cinder volume\'s type',
  description:
    'Moves the volume to another volume type (name or ID). When the new type lives on another backend Cinder must migrate the data, which it does only with --migration-policy on-demand. With --wait the command returns once the volume left "retyping"; a retype the backend refused leaves the old type, which is reported as an error.',
  backends: ['openstack'],
  args: [
    { name: 'volume', description: 'Volume name or ID', required: true },
    { name: 'type', description: 'New volume type (name or ID)', required: true },
  ],
  flags: [
    { name: 'migration-policy', type: 'string', valueName: 'POLICY', choices: ['never', 'on-demand'], description: 'Whether Cinder may migrate the data (default never)' },
    { name: 'wait', type: 'boolean', description: 'Wait until the retype finished' },
  ],
  columns: VOLUME_COLUMNS,
  examples: ['storctl volume retype db-data ssd --wait', 'storctl volume retype db-data ssd --migration-policy on-demand'],
  async run(ctx, args, opts) {
    const c = await cinder(ctx);
    const [v, t] = await Promise.all([findVolume(c, args[0]!), findVolumeType(c, args[1]!)]);
    await volumeAction(c, v.id, 'os-retype', { new_type: t.id, migration_policy: opts.migrationPolicy ?? 'never' });
    let after = await getVolume(c, v.id);
    if (opts.wait) {
      after = (await waitFor(ctx, volumeWait(c, v, ['available', 'in-use'])))!;
      if (after.volume_type !== t.name && after.volume_type !== t.id) {
        throw new ServerError(`volume ${v.name || v.id} is still of type ${String(after.volume_type)}: Cinder could not retype it to ${String(t.name)}`, {
          hint: opts.migrationPolicy === 'on-demand' ? 'see the cinder-volume logs, or `storctl volume show`' : 'the types may need a migration: add --migration-policy on-demand',
        });
      }
    }
    await ctx.printObject(after, VOLUME_SHOW_COLUMNS);
  },
});
