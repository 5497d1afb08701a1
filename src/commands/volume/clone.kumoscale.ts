import { defineCommand } from '../../framework/command.js';
import { kumoscale, type Rec } from '../../backends/kumoscale/client.js';
import { TENANT_FLAG, WAIT_FLAG } from '../../backends/kumoscale/flags.js';
import { findVolume, newId } from '../../backends/kumoscale/resources.js';
import { roundingNote, sizeToGB, wholeNumber } from '../../backends/kumoscale/units.js';
import { changeVolume, showNewVolume } from '../../backends/kumoscale/volumes.js';
import { VOLUME_COLUMNS } from '../../backends/kumoscale/views.js';

interface Opts {
  size?: string;
  reservedSpace?: number;
  id?: string;
  tenant?: string;
  wait?: boolean;
}

export default defineCommand<Opts>({
  summary: 'Clone a volume',
  description:
    'KumoScale: Sends POST [/{tenantId}]/clone_volume {sourceVolumeId, alias, volumeId}: a new volume with the source\'s data and storage class. --size makes the clone larger (at least the source\'s size). The new volume gets a generated UUID (or --id) and is shown.',
  backends: ['kumoscale'],
  args: [
    { name: 'source', description: 'Source volume UUID or alias', required: true },
    { name: 'name', description: 'Alias of the clone', required: true },
  ],
  flags: [
    { name: 'size', type: 'string', valueName: 'SIZE', description: 'Size of the clone with a unit (default: the source\'s)' },
    { name: 'reserved-space', type: 'number', valueName: 'PERCENT', description: 'Share of the capacity reserved (thin clones)' },
    { name: 'id', type: 'string', valueName: 'UUID', description: 'UUID of the clone (default: generated)' },
    TENANT_FLAG,
    WAIT_FLAG,
  ],
  columns: VOLUME_COLUMNS,
  examples: ['storctl volume clone db-data db-test', 'storctl volume clone db-data db-big --size 200GB --wait'],
  async run(ctx, args, opts) {
    const [source, alias] = [args[0]!, args[1]!];
    const size = opts.size === undefined ? undefined : sizeToGB(opts.size);
    if (size?.rounded) ctx.warn(roundingNote(opts.size!, size));
    const c = await kumoscale(ctx);
    const src = await findVolume(c, source, opts.tenant);
    const id = opts.id ?? newId();
    const body: Rec = { sourceVolumeId: src.uuid, alias, volumeId: id };
    if (size) body.capacity = size.gb;
    if (opts.reservedSpace !== undefined) body.reservedSpacePercentage = wholeNumber(opts.reservedSpace, '--reserved-space', 100);
    const v = await changeVolume(ctx, c, id, () => c.op({ method: 'POST', path: '/clone_volume', tenant: opts.tenant, json: body, action: `cannot clone volume ${source}` }), {
      wait: opts.wait,
      tenant: opts.tenant,
      what: `clone ${alias}`,
    });
    await showNewVolume(ctx, v, id, alias);
  },
});
