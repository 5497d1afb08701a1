import { defineCommand } from '../../framework/command.js';
import { UsageError } from '../../framework/errors.js';
import { kumoscale, type Rec } from '../../backends/kumoscale/client.js';
import { TENANT_FLAG } from '../../backends/kumoscale/flags.js';
import { findHost, findVolume } from '../../backends/kumoscale/resources.js';
import { targetColumns, TARGET_COLUMNS } from '../../backends/kumoscale/views.js';

interface Opts {
  host?: string;
  tenant?: string;
}

export default defineCommand<Opts>({
  summary: 'Give a host access to a volume',
  description:
    'KumoScale: Sends POST [/{tenantId}]/publish {hostId, volId}: the provisioner exposes each replica as a namespace on an NVMe-oF target of its backend and grants the host access. Then lists the targets (GET /targets) with the backends\' portals: what the host connects to (nvme connect). The host must be known to the provisioner (its agent registers it; see `storctl host list`). Already published: AlreadyPublished, exit 5.',
  backends: ['kumoscale'],
  args: [{ name: 'volume', description: 'Volume UUID or alias', required: true }],
  flags: [{ name: 'host', type: 'string', valueName: 'HOST', description: 'Host UUID or name', required: true }, TENANT_FLAG],
  columns: TARGET_COLUMNS,
  examples: ['storctl volume publish db-data --host compute-1', 'storctl volume publish db-data --host 4c4c4544-0042-3610-8052-b4c04f4e3732 -o json'],
  async run(ctx, args, opts) {
    if (!opts.host) throw new UsageError('--host is required', { hint: 'list hosts with `storctl host list`' });
    const c = await kumoscale(ctx);
    const [v, h] = await Promise.all([findVolume(c, args[0]!, opts.tenant), findHost(c, opts.host)]);
    await c.op({ method: 'POST', path: '/publish', tenant: opts.tenant, json: { hostId: h.uuid, volId: v.uuid }, action: `cannot publish volume ${v.alias ?? v.uuid} to host ${h.name ?? h.uuid}` });
    const [targets, backends] = await Promise.all([
      c.list({ path: '/targets', query: { hostId: String(h.uuid), volId: String(v.uuid) }, action: 'cannot list targets' }),
      c.list({ path: '/backends', action: 'cannot list backends' }),
    ]);
    const portals = new Map<string, Rec[]>(backends.map((b) => [String(b.persistentID), Array.isArray(b.portals) ? b.portals : []]));
    await ctx.printList(targets, targetColumns(portals));
  },
});
