import { defineCommand } from '../../framework/command.js';
import { kumoscale } from '../../backends/kumoscale/client.js';
import { TENANT_FLAG } from '../../backends/kumoscale/flags.js';
import { findVolume } from '../../backends/kumoscale/resources.js';
import { REPLICA_COLUMNS } from '../../backends/kumoscale/views.js';

export default defineCommand<{ tenant?: string }>({
  summary: 'List the replicas of a volume',
  description: 'Shows the volume\'s `location` entries: each replica\'s UUID (also the NVMe namespace UUID the host sees), its backend and its state (Available, Synchronizing, Missing, Terminating).',
  backends: ['kumoscale'],
  args: [{ name: 'volume', description: 'Volume UUID or alias', required: true }],
  flags: [TENANT_FLAG],
  columns: REPLICA_COLUMNS,
  examples: ['storctl replica list db-data', 'storctl replica list db-data -o json'],
  async run(ctx, args, opts) {
    const c = await kumoscale(ctx);
    const v = await findVolume(c, args[0]!, opts.tenant);
    await ctx.printList(Array.isArray(v.location) ? v.location : []);
  },
});
