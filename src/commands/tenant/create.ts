import { defineCommand } from '../../framework/command.js';
import { UsageError } from '../../framework/errors.js';
import { kumoscale } from '../../backends/kumoscale/client.js';
import { findTenant, newId } from '../../backends/kumoscale/resources.js';
import { bandwidthBytes, roundingNote, sizeToGB, wholeNumber } from '../../backends/kumoscale/units.js';
import { TENANT_COLUMNS } from '../../backends/kumoscale/views.js';

interface Opts {
  capacity?: string;
  iops?: number;
  bandwidth?: string;
  id?: string;
}

export default defineCommand<Opts>({
  summary: 'Create a tenant with capacity and performance budgets',
  description:
    'Sends POST /tenants. --capacity takes units (500GB, 2TB, 1TiB; a plain number is GiB) and is sent as whole GB; --bandwidth is bytes per second with units (2GB = 2×10^9 B/s; the reference does not confirm the unit). The provisioner refuses new volumes once the capacity budget is used up; past the performance budget volumes are still created but their QoS is not guaranteed. The tenant ID is generated (a UUID) unless --id is given; work inside the tenant with --tenant ID on volume and snapshot commands.',
  backends: ['kumoscale'],
  args: [{ name: 'name', description: 'Tenant name', required: true }],
  flags: [
    { name: 'capacity', type: 'string', valueName: 'SIZE', description: 'Capacity budget, e.g. 2TB', required: true },
    { name: 'iops', type: 'number', valueName: 'N', description: 'IOPS budget', required: true },
    { name: 'bandwidth', type: 'string', valueName: 'RATE', description: 'Bandwidth budget per second, e.g. 2GB', required: true },
    { name: 'id', type: 'string', valueName: 'TENANT_ID', description: 'Tenant ID to use (default: a new UUID)' },
  ],
  columns: TENANT_COLUMNS,
  examples: ['storctl tenant create team-a --capacity 2TB --iops 200000 --bandwidth 2GB', 'storctl tenant create lab --id lab --capacity 500GB --iops 50000 --bandwidth 500MB'],
  async run(ctx, args, opts) {
    if (opts.capacity === undefined || opts.iops === undefined || opts.bandwidth === undefined) {
      throw new UsageError('--capacity, --iops and --bandwidth are all required', { hint: 'e.g. --capacity 2TB --iops 200000 --bandwidth 2GB' });
    }
    const cap = sizeToGB(opts.capacity, '--capacity');
    if (cap.rounded) ctx.warn(roundingNote(opts.capacity, cap, 'capacity'));
    const id = opts.id ?? newId();
    const body = { tenantId: id, name: args[0], capacity: cap.gb, totalIOPS: wholeNumber(opts.iops, '--iops'), totalBW: bandwidthBytes(opts.bandwidth, '--bandwidth') };
    const c = await kumoscale(ctx);
    await c.op({ method: 'POST', path: '/tenants', json: body, action: `cannot create tenant ${args[0]}` });
    await ctx.printObject(await findTenant(c, id));
  },
});
