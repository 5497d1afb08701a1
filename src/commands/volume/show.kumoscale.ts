import { defineCommand } from '../../framework/command.js';
import { kumoscale } from '../../backends/kumoscale/client.js';
import { TENANT_FLAG } from '../../backends/kumoscale/flags.js';
import { findVolume } from '../../backends/kumoscale/resources.js';
import { VOLUME_SHOW_COLUMNS } from '../../backends/kumoscale/views.js';

export default defineCommand<{ tenant?: string }>({
  summary: 'Show one volume',
  description:
    'KumoScale: Reads GET [/{tenantId}]/volumes/{uuid} (accepting an object or a one-element array), or looks the volume up by alias. Shows every replica with its backend and state, then every other field the provisioner sends.',
  backends: ['kumoscale'],
  args: [{ name: 'volume', description: 'Volume UUID or alias', required: true }],
  flags: [TENANT_FLAG],
  columns: VOLUME_SHOW_COLUMNS,
  examples: ['storctl volume show db-data', 'storctl volume show 5c1e0f53-6d3b-4c4e-9d8e-2f0b8f5d1a77 -o json'],
  async run(ctx, args, opts) {
    const c = await kumoscale(ctx);
    await ctx.printObject(await findVolume(c, args[0]!, opts.tenant));
  },
});
