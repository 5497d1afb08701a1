import { defineCommand } from '../../framework/command.js';
import { kumoscale, seg } from '../../backends/kumoscale/client.js';
import { findBackend } from '../../backends/kumoscale/resources.js';

export default defineCommand({
  summary: 'Remove storage nodes from the provisioner\'s pool',
  description:
    'Sends DELETE /backends/{persistentID} for each backend (persistent IDs or management IPs; all are looked up first). A backend that still holds replicas or snapshots is refused (VolumeInUse, exit 5): migrate them away first (`storctl volume migrate`). Several backends: each failure is reported and the exit code is the first failure\'s.',
  backends: ['kumoscale'],
  destructive: true,
  args: [{ name: 'backend', description: 'Persistent IDs or management IPs', required: true, variadic: true }],
  examples: ['storctl backend remove 0c:c4:7a:5e:00:04 --yes'],
  async run(ctx, args) {
    const c = await kumoscale(ctx);
    const backends = await Promise.all(args.map((a) => findBackend(c, a)));
    const ids = backends.map((b) => String(b.persistentID));
    if (!(await ctx.confirm(`Remove ${ids.length === 1 ? 'backend' : `${ids.length} backends:`} ${ids.join(', ')} from the pool?`))) return;
    let first: unknown;
    for (const id of ids) {
      try {
        await c.op({ method: 'DELETE', path: `/backends/${seg(id)}`, action: `cannot remove backend ${id}` });
      } catch (err) {
        if (ids.length === 1) throw err;
        first ??= err;
        ctx.warn((err as Error).message);
      }
    }
    if (first) throw first;
  },
});
