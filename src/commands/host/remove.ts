import { defineCommand } from '../../framework/command.js';
import { kumoscale, seg } from '../../backends/kumoscale/client.js';
import { findHost } from '../../backends/kumoscale/resources.js';

export default defineCommand({
  summary: 'Remove hosts from the provisioner',
  description:
    'Sends DELETE /hosts/{hostId} for each host (UUIDs or names; all looked up first): the provisioner forgets the host\'s configuration. A host that still has volumes published is refused (exit 5): unpublish them first. A host whose agent still runs registers itself again.',
  backends: ['kumoscale'],
  destructive: true,
  args: [{ name: 'host', description: 'Host UUIDs or names', required: true, variadic: true }],
  examples: ['storctl host remove old-compute-7 --yes'],
  async run(ctx, args) {
    const c = await kumoscale(ctx);
    const hosts = await Promise.all(args.map((a) => findHost(c, a)));
    const names = hosts.map((h) => (h.name && h.name !== h.uuid ? `${h.name} (${h.uuid})` : String(h.uuid)));
    if (!(await ctx.confirm(`Remove ${hosts.length === 1 ? 'host' : `${hosts.length} hosts:`} ${names.join(', ')}?`))) return;
    let first: unknown;
    for (const h of hosts) {
      try {
        await c.op({ method: 'DELETE', path: `/hosts/${seg(String(h.uuid))}`, action: `cannot remove host ${h.name ?? h.uuid}` });
      } catch (err) {
        if (hosts.length === 1) throw err;
        first ??= err;
        ctx.warn((err as Error).message);
      }
    }
    if (first) throw first;
  },
});
