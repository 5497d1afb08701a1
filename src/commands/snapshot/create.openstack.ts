import { defineCommand } from '../../framework/command.js';
import { UsageError } from '../../framework/errors.js';
import { cinder } from '../../backends/openstack/cinder.js';
import { createSnapshot, snapshotWait } from '../../backends/openstack/snapshots.js';
import { findVolume } from '../../backends/openstack/volumes.js';
import { parseProperties } from '../../backends/openstack/args.js';
import { waitFor } from '../../backends/openstack/wait.js';
import { SNAPSHOT_COLUMNS } from '../../backends/openstack/views.js';

interface Opts {
  volume?: string;
  name?: string;
  description?: string;
  property?: string[];
  force?: boolean;
  wait?: boolean;
}

export default defineCommand<Opts>({
  summary: 'Snapshot a Cinder volume',
  description:
    'Takes a snapshot of --volume (name or ID), named NAME: `snapshot create NAME --volume VOLUME` (as `openstack volume snapshot create --volume VOLUME NAME`). The OpenStorage form `snapshot create VOLUME --name NAME` works too: with --name and no --volume the argument is the volume. Cinder snapshots only available volumes unless --force (then in-use ones too). With --wait the command returns once the snapshot is available and fails with Cinder\'s reason when it ends in error. Exit codes: 2 without a volume, 4 when the volume does not exist.',
  backends: ['openstack'],
  args: [{ name: 'name', description: 'Name of the snapshot (with --name: the volume)' }],
  flags: [
    { name: 'volume', type: 'string', valueName: 'VOLUME', description: 'Volume to snapshot (name or ID)' },
    { name: 'name', type: 'string', valueName: 'NAME', description: 'Snapshot name; the argument is then the volume' },
    { name: 'description', type: 'string', valueName: 'TEXT', description: 'Description' },
    { name: 'property', type: 'list', valueName: 'KEY=VALUE', description: 'Metadata (repeatable)' },
    { name: 'force', type: 'boolean', description: 'Snapshot an attached (in-use) volume too' },
    { name: 'wait', type: 'boolean', description: 'Wait until the snapshot is available' },
  ],
  columns: SNAPSHOT_COLUMNS,
  examples: [
    'storctl snapshot create nightly --volume db-data --wait',
    'storctl snapshot create pre-upgrade --volume db-data --force --property ticket=OPS-42',
    'storctl snapshot create db-data --name db-data-before-upgrade',
  ],
  async run(ctx, args, opts) {
    let name = args[0];
    let volume = opts.volume;
    if (opts.name !== undefined) {
      if (volume !== undefined && name !== undefined) {
        throw new UsageError('give the snapshot name once: NAME --volume VOLUME, or VOLUME --name NAME', { hint: 'storctl snapshot create NAME --volume VOLUME' });
      }
      volume ??= name;
      name = opts.name;
    }
    if (volume === undefined || volume === '') {
      throw new UsageError('--volume is required', { hint: 'storctl snapshot create NAME --volume VOLUME (name or ID; see storctl volume list)' });
    }
    const c = await cinder(ctx);
    const v = await findVolume(c, volume);
    const spec: Record<string, unknown> = { volume_id: v.id };
    if (name !== undefined) spec.name = name;
    if (opts.description !== undefined) spec.description = opts.description;
    if (opts.force) spec.force = true;
    if (opts.property?.length) spec.metadata = parseProperties(opts.property);
    let snap = await createSnapshot(c, spec);
    if (opts.wait) snap = (await waitFor(ctx, snapshotWait(c, snap, ['available'])))!;
    await ctx.printObject(snap, SNAPSHOT_COLUMNS.map((col) => ({ ...col, long: false })));
  },
});
