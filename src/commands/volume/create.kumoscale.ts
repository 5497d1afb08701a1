import { defineCommand } from '../../framework/command.js';
import { UsageError } from '../../framework/errors.js';
import { kumoscale, type Rec } from '../../backends/kumoscale/client.js';
import { STORAGE_CLASS_FLAGS, TENANT_FLAG, WAIT_FLAG, storageClass, type StorageClassOpts } from '../../backends/kumoscale/flags.js';
import { findSnapshot, findVolume, newId } from '../../backends/kumoscale/resources.js';
import { roundingNote, sizeToGB, wholeNumber } from '../../backends/kumoscale/units.js';
import { changeVolume, showNewVolume } from '../../backends/kumoscale/volumes.js';
import { VOLUME_COLUMNS } from '../../backends/kumoscale/views.js';

interface Opts extends StorageClassOpts {
  size?: string;
  snapshot?: string;
  source?: string;
  readOnly?: boolean;
  thin?: boolean;
  reservedSpace?: number;
  id?: string;
  tenant?: string;
  wait?: boolean;
}

/** Cinder cuts aliases of replicated volumes to 27 characters to work around a host-side limit. */
const REPLICATED_ALIAS_MAX = 27;

export default defineCommand<Opts>({
  summary: 'Create a volume',
  description:
    'KumoScale: Creates a volume of --size (units: 100GB, 1TB, 10GiB; a plain number is GiB; KumoScale counts whole GB of 10^9 bytes, so other sizes are rounded up and the rounding is shown) with an inline storage class: --replicas, placement (--rack/--zone/--region, --same-rack-allowed), --allow-span, --block-size and QoS per GB. --thin makes a thin volume (--reserved-space is the share kept for it). ' +
    'With --snapshot ID the volume is a snapshot volume (POST /snapshot_volumes; writable unless --read-only; its size is the snapshot\'s); with --source VOLUME it is a clone (POST /clone_volume; same as `storctl volume clone`). ' +
    'The provisioner returns no ID, so storctl sends a new UUID (or --id) and shows the volume by it. --wait follows any task the creation starts until the replicas are Available. Refusals exit with the provisioner\'s description: out of capacity or no backend matching (NotAvailable, 5), alias taken (AlreadyExists, 5).',
  backends: ['kumoscale'],
  args: [{ name: 'name', description: 'Alias of the new volume' }],
  flags: [
    { name: 'size', type: 'string', valueName: 'SIZE', description: 'Size with a unit, e.g. 100GB or 10GiB' },
    { name: 'snapshot', type: 'string', valueName: 'SNAPSHOT', description: 'Create a snapshot volume from this snapshot (ID or alias)', aliases: ['from-snapshot'] },
    { name: 'source', type: 'string', valueName: 'VOLUME', description: 'Clone this volume (UUID or alias)' },
    { name: 'read-only', type: 'boolean', description: 'With --snapshot: a read-only snapshot volume' },
    { name: 'thin', type: 'boolean', description: 'Thin provisioning (default thick)' },
    { name: 'reserved-space', type: 'number', valueName: 'PERCENT', description: 'Share of the capacity reserved (thin volumes, writable snapshot volumes, clones)' },
    ...STORAGE_CLASS_FLAGS,
    { name: 'id', type: 'string', valueName: 'UUID', description: 'UUID of the new volume (default: generated)' },
    TENANT_FLAG,
    WAIT_FLAG,
  ],
  columns: VOLUME_COLUMNS,
  examples: [
    'storctl volume create db-data --size 100GB --replicas 2 --zone z1 --wait',
    'storctl volume create scratch --size 500GB --thin --reserved-space 20 --allow-span',
    'storctl volume create db-restore --snapshot nightly --read-only',
    'storctl volume create db-copy --source db-data --tenant team-a -o json',
  ],
  async run(ctx, args, opts) {
    const alias = args[0];
    if (!alias) throw new UsageError('a volume name (alias) is required', { hint: 'storctl volume create NAME --size 100GB' });
    if (opts.snapshot !== undefined && opts.source !== undefined) throw new UsageError('--snapshot and --source exclude each other');
    const scGiven = Object.keys(storageClass(opts)).some((k) => k !== 'numReplicas') || opts.replicas !== undefined;
    const reserve = opts.reservedSpace === undefined ? undefined : wholeNumber(opts.reservedSpace, '--reserved-space', 100);
    const size = opts.size === undefined ? undefined : sizeToGB(opts.size);
    if (size?.rounded) ctx.warn(roundingNote(opts.size!, size));
    const id = opts.id ?? newId();
    const tenant = opts.tenant;
    const c = await kumoscale(ctx);
    let body: Rec;
    let path: string;
    if (opts.snapshot !== undefined) {
      if (size) throw new UsageError('--size does not apply with --snapshot: a snapshot volume has the snapshot\'s size');
      if (opts.thin) throw new UsageError('--thin does not apply with --snapshot: snapshot volumes are always thin');
      const sc = storageClass(opts);
      const allowed = new Set(['numReplicas', 'maxIOPSPerGB', 'maxBWPerGB', 'allowSpan', 'name']);
      if (opts.replicas !== undefined || Object.keys(sc).some((k) => !allowed.has(k))) {
        throw new UsageError('with --snapshot only --max-iops-per-gb, --max-bw-per-gb, --allow-span and --storage-class-name apply', { hint: 'a snapshot volume lives on the snapshot\'s backend with one replica' });
      }
      const snap = await findSnapshot(c, opts.snapshot, tenant);
      path = '/snapshot_volumes';
      body = { alias, snapshotID: snap.snapshotID, writable: !opts.readOnly, volumeID: id, protocol: 'NVMeoF' };
      if (reserve !== undefined) body.reservedSpacePercentage = reserve;
      if (sc.maxIOPSPerGB !== undefined) body.maxIOPSPerGB = sc.maxIOPSPerGB;
      if (sc.maxBWPerGB !== undefined) body.maxBWPerGB = sc.maxBWPerGB;
      if (sc.allowSpan !== undefined) body.allowSpan = sc.allowSpan;
      if (sc.name !== undefined) body.storageClassName = sc.name; // unconfirmed: only newer clients send it
    } else if (opts.source !== undefined) {
      if (scGiven || opts.thin) throw new UsageError('storage-class flags and --thin do not apply with --source: a clone keeps its source\'s storage class');
      const src = await findVolume(c, opts.source, tenant);
      path = '/clone_volume';
      body = { sourceVolumeId: src.uuid, alias, volumeId: id };
      if (size) body.capacity = size.gb;
      if (reserve !== undefined) body.reservedSpacePercentage = reserve;
    } else {
      if (!size) throw new UsageError('--size is required unless the volume comes from --snapshot or --source', { hint: 'e.g. --size 100GB' });
      if (opts.readOnly) throw new UsageError('--read-only applies only with --snapshot');
      const sc = storageClass(opts);
      if ((sc.numReplicas as number) > 1 && alias.length > REPLICATED_ALIAS_MAX) {
        ctx.warn(`alias "${alias}" is longer than ${REPLICATED_ALIAS_MAX} characters; KIOXIA's Cinder driver shortens aliases of replicated volumes to that length to avoid a host-side limit`);
      }
      path = '/volumes';
      body = { alias, capacity: size.gb, storageClass: sc, provisioningType: opts.thin ? 'THIN' : 'THICK', protocol: 'NVMeoF', uuid: id };
      if (reserve !== undefined) body.reservedSpacePercentage = reserve;
    }
    const v = await changeVolume(ctx, c, id, () => c.op({ method: 'POST', path, tenant, json: body, action: `cannot create volume ${alias}` }), {
      wait: opts.wait,
      tenant,
      what: `volume ${alias}`,
    });
    await showNewVolume(ctx, v, id, alias);
  },
});
