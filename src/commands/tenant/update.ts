import { defineCommand } from '../../framework/command.js';
import { UsageError } from '../../framework/errors.js';
import { kumoscale, seg, type Rec } from '../../backends/kumoscale/client.js';
import { findTenant } from '../../backends/kumoscale/resources.js';
import { bandwidthBytes, roundingNote, sizeToGB, wholeNumber } from '../../backends/kumoscale/units.js';
import { TENANT_COLUMNS } from '../../backends/kumoscale/views.js';

interface Opts {
  capacity?: string;
  iops?: number;
  bandwidth?: string;
  name?: string;
}

export default defineCommand<Opts>({
  summary: 'Change a tenant\'s budgets or name',
  description:
    'Sends PUT /tenants/{tenantId}. Budgets not given keep their current values (they are sent again, since the reference lists them as mandatory). A capacity below what the tenant already uses is refused by the provisioner.',
  backends: ['kumoscale'],
  args: [{ name: 'tenant', description: 'Tenant ID or name', required: true }],
  flags: [
    { name: 'capacity', type: 'string', valueName: 'SIZE', description: 'New capacity budget, e.g. 3TB' },
    { name: 'iops', type: 'number', valueName: 'N', description: 'New IOPS budget' },
    { name: 'bandwidth', type: 'string', valueName: 'RATE', description: 'New bandwidth budget per second, e.g. 4GB' },
    { name: 'name', type: 'string', valueName: 'NAME', description: 'New name' },
  ],
  columns: TENANT_COLUMNS,
  examples: ['storctl tenant update team-a --capacity 3TB', 'storctl tenant update 7f9c… --iops 400000 --name team-a-prod'],
  async run(ctx, args, opts) {
    if (opts.capacity === undefined && opts.iops === undefined && opts.bandwidth === undefined && opts.name === undefined) {
      throw new UsageError('nothing to change', { hint: 'give --capacity, --iops, --bandwidth and/or --name' });
    }
    const c = await kumoscale(ctx);
    const t = await findTenant(c, args[0]!);
    const id = String(t.tenantId);
    const body: Rec = { capacity: t.capacity, totalIOPS: t.totalIOPS, totalBW: t.totalBW };
    if (opts.capacity !== undefined) {
      const cap = sizeToGB(opts.capacity, '--capacity');
      if (cap.rounded) ctx.warn(roundingNote(opts.capacity, cap, 'capacity'));
      body.capacity = cap.gb;
    }
    if (opts.iops !== undefined) body.totalIOPS = wholeNumber(opts.iops, '--iops');
    if (opts.bandwidth !== undefined) body.totalBW = bandwidthBytes(opts.bandwidth, '--bandwidth');
    if (opts.name !== undefined) body.name = opts.name;
    for (const k of Object.keys(body)) if (body[k] === undefined) delete body[k];
    await c.op({ method: 'PUT', path: `/tenants/${seg(id)}`, json: body, action: `cannot update tenant ${id}` });
    await ctx.printObject(await findTenant(c, id));
  },
});
