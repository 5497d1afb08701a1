import { defineCommand } from '../../framework/command.js';
import { kumoscale } from '../../backends/kumoscale/client.js';
import { TENANT_FLAG } from '../../backends/kumoscale/flags.js';
import { findSnapshot } from '../../backends/kumoscale/resources.js';
import { SNAPSHOT_COLUMNS } from '../../backends/kumoscale/views.js';

export default defineCommand<{ tenant?: string }>({
  summary: 'Show one snapshot',
  description: 'KumoScale: Reads GET [/{tenantId}]/snapshots/{id} (an object or a one-element array), or looks the snapshot up by alias.',
  backends: ['kumoscale'],
  args: [{ name: 'snapshot', description: 'Snapshot ID or alias', required: true }],
  flags: [TENANT_FLAG],
  columns: SNAPSHOT_COLUMNS.map((c) => ({ ...c, long: false })),
  examples: ['storctl snapshot show nightly', 'storctl snapshot show 1f0c2d3e-… -o json'],
  async run(ctx, args, opts) {
    const c = await kumoscale(ctx);
    await ctx.printObject(await findSnapshot(c, args[0]!, opts.tenant));
  },
});
