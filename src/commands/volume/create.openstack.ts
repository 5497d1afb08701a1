import { defineCommand } from '../../framework/command.js';
import { UsageError } from '../../framework/errors.js';
import { cinder } from '../../backends/openstack/cinder.js';
import { createVolume, findVolume, volumeAction, volumeWait } from '../../backends/openstack/volumes.js';
import { findSnapshot } from '../../backends/openstack/snapshots.js';
import { CINDER_SIZE_HELP, parseGiB, parseProperties } from '../../backends/openstack/args.js';
import { waitFor } from '../../backends/openstack/wait.js';
import { VOLUME_COLUMNS, VOLUME_SHOW_COLUMNS } from '../../backends/openstack/views.js';

interface Opts {
  size?: string | number;
  type?: string;
  availabilityZone?: string;
  description?: string;
  property?: string[];
  snapshot?: string;
  source?: string;
  image?: string;
  bootable?: boolean;
  wait?: boolean;
}

export default defineCommand<Opts>({
  summary: 'Create a Cinder volume',
  description:
    `Creates an empty volume of --size GiB, or one from a snapshot (--snapshot), another volume (--source) or a Glance image (--image, an image ID). Snapshot and source volume may be given by name. Without --wait the command returns as soon as Cinder accepted the request (status "creating"); with --wait it polls until the volume is available and exits non-zero with Cinder's reason when it ends in error. --size is ${CINDER_SIZE_HELP}. Exit codes: 2 for a size that is not whole GiB (the message names the nearest valid sizes).`,
  backends: ['openstack'],
  args: [{ name: 'name', description: 'Name of the new volume' }],
  flags: [
    { name: 'size', type: 'string', valueName: 'SIZE', description: 'Size in whole GiB: 10, 10GiB, 2048MiB or 1TiB (GB = 10^9 bytes: 10GB is not whole GiB; default: the size of the snapshot or source volume)' },
    { name: 'type', type: 'string', valueName: 'TYPE', description: 'Volume type name or ID' },
    { name: 'availability-zone', type: 'string', valueName: 'ZONE', description: 'Availability zone' },
    { name: 'description', type: 'string', valueName: 'TEXT', description: 'Description' },
    { name: 'property', type: 'list', valueName: 'KEY=VALUE', description: 'Metadata (repeatable)' },
    { name: 'snapshot', type: 'string', valueName: 'SNAPSHOT', description: 'Create from this snapshot (name or ID)' },
    { name: 'source', type: 'string', valueName: 'VOLUME', description: 'Clone this volume (name or ID)' },
    { name: 'image', type: 'string', valueName: 'IMAGE_ID', description: 'Create from this Glance image' },
    { name: 'bootable', type: 'boolean', description: 'Mark the volume bootable' },
    { name: 'wait', type: 'boolean', description: 'Wait until the volume is available' },
  ],
  columns: VOLUME_COLUMNS,
  examples: [
    'storctl volume create db-data --size 100 --type ssd --wait',
    'storctl volume create scratch --size 1TiB',
    'storctl volume create restored --snapshot nightly-2026-11-01',
    'storctl volume create clone --source db-data --property owner=dba -o json',
  ],
  async run(ctx, args, opts) {
    const sources = [opts.snapshot, opts.source, opts.image].filter((s) => s !== undefined);
    if (sources.length > 1) throw new UsageError('--snapshot, --source and --image exclude each other');
    if (opts.size === undefined && opts.snapshot === undefined && opts.source === undefined) {
      throw new UsageError('--size is required unless the volume comes from --snapshot or --source', { hint: 'e.g. --size 10 (GiB)' });
    }
    const size = opts.size !== undefined ? parseGiB(opts.size, '--size') : undefined;
    const c = await cinder(ctx);
    const [snap, src] = await Promise.all([
      opts.snapshot !== undefined ? findSnapshot(c, opts.snapshot) : undefined,
      opts.source !== undefined ? findVolume(c, opts.source) : undefined,
    ]);
    const spec: Record<string, unknown> = {};
    if (size !== undefined) spec.size = size;
    if (args[0] !== undefined) spec.name = args[0];
    if (opts.description !== undefined) spec.description = opts.description;
    if (opts.type !== undefined) spec.volume_type = opts.type;
    if (opts.availabilityZone !== undefined) spec.availability_zone = opts.availabilityZone;
    if (opts.property?.length) spec.metadata = parseProperties(opts.property);
    if (snap) spec.snapshot_id = snap.id;
    if (src) spec.source_volid = src.id;
    if (opts.image !== undefined) spec.imageRef = opts.image;
    let volume = await createVolume(c, spec);
    if (opts.bootable) await volumeAction(c, volume.id, 'os-set_bootable', { bootable: true });
    if (opts.wait) volume = (await waitFor(ctx, volumeWait(c, volume, ['available'])))!;
    await ctx.printObject(volume, VOLUME_SHOW_COLUMNS);
  },
});
