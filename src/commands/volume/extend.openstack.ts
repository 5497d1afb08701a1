import { defineCommand } from '../../framework/command.js';
import { UsageError } from '../../framework/errors.js';
import { cinder } from '../../backends/openstack/cinder.js';
import { findVolume, getVolume, volumeAction, volumeWait } from '../../backends/openstack/volumes.js';
import { CINDER_SIZE_HELP, parseGiB } from '../../backends/openstack/args.js';
import { waitFor } from '../../backends/openstack/wait.js';
import { VOLUME_COLUMNS, VOLUME_SHOW_COLUMNS } from '../../backends/openstack/views.js';

export default defineCommand<{ wait?: boolean }>({
  summary: 'Grow a Cinder volume',
  description:
    `Extends the volume to SIZE GiB (larger than now); SIZE is ${CINDER_SIZE_HELP}. An attached (in-use) volume needs Cinder microversion 3.42, which is asked for only in that case. With --wait the command returns once the volume is back to available/in-use, and fails with Cinder's reason when it ends in error_extending. Prints the volume. Exit codes: 2 for a size that is not whole GiB (the message names the nearest valid sizes) or not larger than now.`,
  backends: ['openstack'],
  args: [
    { name: 'volume', description: 'Volume name or ID', required: true },
    { name: 'size', description: 'New size in whole GiB: 200, 200GiB, 2048MiB, 1TiB', required: true },
  ],
  flags: [{ name: 'wait', type: 'boolean', description: 'Wait until the extension finished' }],
  columns: VOLUME_COLUMNS,
  examples: ['storctl volume extend db-data 200 --wait', 'storctl volume extend db-data 2TiB', 'storctl volume extend 5c1e0f53-6d3b-4c4e-9d8e-2f0b8f5d1a77 20'],
  async run(ctx, args, opts) {
    const size = parseGiB(args[1], 'SIZE');
    const c = await cinder(ctx);
    const v = await findVolume(c, args[0]!);
    if (typeof v.size === 'number' && size <= v.size) {
      throw new UsageError(`volume ${v.name || v.id} is already ${v.size} GiB; the new size must be larger`, { hint: 'Cinder cannot shrink volumes' });
    }
    const mv = v.status === 'in-use' ? await c.microversionFor('3.42', 'extending an attached volume') : undefined;
    await volumeAction(c, v.id, 'os-extend', { new_size: size }, mv);
    const after = opts.wait ? await waitFor(ctx, volumeWait(c, v, ['available', 'in-use'])) : await getVolume(c, v.id);
    await ctx.printObject(after!, VOLUME_SHOW_COLUMNS);
  },
});
