import { defineCommand } from '../../framework/command.js';
import { cinder } from '../../backends/openstack/cinder.js';
import { createSnapshot, snapshotWait } from '../../backends/openstack/snapshots.js';
import { findVolume } from '../../backends/openstack/volumes.js';
import { parseProperties } from '../../backends/openstack/args.js';
import { waitFor } from '../../backends/openstack/wait.js';
import { SNAPSHOT_COLUMNS } from '../../backends/openstack/views.js';

interface Opts {
  volume: string;
  description?: string;
  property?: string[];
  force?: boolean;
  wait?: boolean;
}

export default defineCommand<Opts>({
  summary: 'Snapshot a Cinder volume',
  description:
    'Takes a snapshot of --volume (name or ID). Cinder snapshots only available volumes unless --force (then in-use ones too). With --wait the command returns once the snapshot is available and fails with Cinder\'s reason when it ends in error.',
  backends: ['openstack'],
  args: [{ name: 'name', description: 'Name of the snapshot' }],
  flags: [
    { name: 'volume', type: 'string', valueName: 'VOLUME', description: 'Volume to snapshot (name or ID)', required: true },
    { name: 'description', type: 'string', valueName: 'TEXT', description: 'Description' },
    { name: 'property', type: 'list', valueName: 'KEY=VALUE', description: 'Metadata (repeatable)' },
    { name: 'force', type: 'boolean', description: 'Snapshot an attached (in-use) volume too' },
    { name: 'wait', type: 'boolean', description: 'Wait until the snapshot is available' },
  ],
  columns: SNAPSHOT_COLUMNS,
  examples: ['storctl snapshot create nightly --volume db-data --wait', 'storctl snapshot create pre-upgrade --volume db-data --force --property ticket=OPS-42'],
  async run(ctx, args, opts) {
    const c = await cinder(ctx);
    const v = await findVolume(c, opts.volume);
    const spec: Record<string, unknown> = { volume_id: v.id };
    if (args[0] !== undefined) spec.name = args[0];
    if (opts.description !== undefined) spec.description = opts.description;
    if (opts.force) spec.force = true;
    if (opts.property?.length) spec.metadata = parseProperties(opts.property);
    let snap = await createSnapshot(c, spec);
    if (opts.wait) snap = (await waitFor(ctx, snapshotWait(c, snap, ['available'])))!;
    await ctx.printObject(snap, SNAPSHOT_COLUMNS.map((col) => ({ ...col, long: false })));
  },
});
