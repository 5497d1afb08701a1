import { defineCommand } from '../../framework/command.js';
import { kumoscale } from '../../backends/kumoscale/client.js';
import { findBackend } from '../../backends/kumoscale/resources.js';
import { BACKEND_COLUMNS } from '../../backends/kumoscale/views.js';

export default defineCommand({
  summary: 'Show one storage node (backend)',
  description: 'Reads GET /backends/{persistentID} (the reply may be an object or a one-element array; both are accepted). BACKEND is the persistent ID or a management IP.',
  backends: ['kumoscale'],
  args: [{ name: 'backend', description: 'Persistent ID or management IP', required: true }],
  columns: BACKEND_COLUMNS.map((c) => ({ ...c, long: false })),
  examples: ['storctl backend show 0c:c4:7a:5e:00:01', 'storctl backend show 10.0.0.11 -o json'],
  async run(ctx, args) {
    const c = await kumoscale(ctx);
    await ctx.printObject(await findBackend(c, args[0]!));
  },
});
