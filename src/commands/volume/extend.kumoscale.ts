import { defineCommand } from '../../framework/command.js';
import { UsageError } from '../../framework/errors.js';
import { kumoscale, seg } from '../../backends/kumoscale/client.js';
import { TENANT_FLAG, WAIT_FLAG } from '../../backends/kumoscale/flags.js';
import { findVolume } from '../../backends/kumoscale/resources.js';
import { roundingNote, sizeToGB } from '../../backends/kumoscale/units.js';
import { changeVolume } from '../../backends/kumoscale/volumes.js';
import { VOLUME_SHOW_COLUMNS, VOLUME_COLUMNS } from '../../backends/kumoscale/views.js';
import { volumeSettled } from '../../backends/kumoscale/wait.js';

interface Opts {
  tenant?: string;
  wait?: boolean;
}

export default defineCommand<Opts>({
  summary: 'Grow a volume',
  description:
    'KumoScale ("expand volume"): sends PATCH [/{tenantId}]/volumes/{uuid} {"newCapacity": GB} (as a string, the way KIOXIA\'s Cinder driver sends it). SIZE takes units (200GB, 1TB; a plain number is GiB) and must be larger than the current size; expansion works online. Free space on the replicas\' SSDs (or SSD group with spanning) limits it: NotAvailable exits 5. Shows the volume afterwards; --wait polls until the new size shows and the replicas are Available.',
  backends: ['kumoscale'],
  args: [
    { name: 'volume', description: 'Volume UUID or alias', required: true },
    { name: 'size', description: 'New size with a unit, e.g. 200GB', required: true },
  ],
  flags: [TENANT_FLAG, WAIT_FLAG],
  columns: VOLUME_COLUMNS,
  examples: ['storctl volume extend db-data 200GB', 'storctl volume extend db-data 1TB --wait -o json'],
  async run(ctx, args, opts) {
    const size = sizeToGB(args[1]!, 'SIZE');
    if (size.rounded) ctx.warn(roundingNote(args[1]!, size));
    const c = await kumoscale(ctx);
    const v = await findVolume(c, args[0]!, opts.tenant);
    const uuid = String(v.uuid);
    if (typeof v.capacity === 'number' && size.gb <= v.capacity) {
      throw new UsageError(`volume ${v.alias ?? uuid} is already ${v.capacity} GB; the new size must be larger`, { hint: 'KumoScale volumes cannot shrink' });
    }
    const after = await changeVolume(
      ctx,
      c,
      uuid,
      () => c.op({ method: 'PATCH', path: `/volumes/${seg(uuid)}`, tenant: opts.tenant, json: { newCapacity: String(size.gb) }, action: `cannot expand volume ${v.alias ?? uuid}` }),
      { wait: opts.wait, tenant: opts.tenant, until: (x) => Number(x.capacity) >= size.gb && volumeSettled(x), what: `expansion of volume ${v.alias ?? uuid}` },
    );
    await ctx.printObject(after ?? v, VOLUME_SHOW_COLUMNS);
  },
});
