import { defineCommand } from '../../framework/command.js';
import { UsageError } from '../../framework/errors.js';
import { kumoscale } from '../../backends/kumoscale/client.js';
import { TENANT_FLAG } from '../../backends/kumoscale/flags.js';
import { findHost, findVolume } from '../../backends/kumoscale/resources.js';

interface Opts {
  host?: string;
  tenant?: string;
}

export default defineCommand<Opts>({
  summary: 'Take a host\'s access to a volume away',
  description:
    'KumoScale: Sends POST [/{tenantId}]/unpublish {hostId, volId}. The host loses the volume\'s namespaces: disconnect it on the host first. Not published to that host: VolumeNotPublished, exit 5.',
  backends: ['kumoscale'],
  destructive: true,
  args: [{ name: 'volume', description: 'Volume UUID or alias', required: true }],
  flags: [{ name: 'host', type: 'string', valueName: 'HOST', description: 'Host UUID or name', required: true }, TENANT_FLAG],
  examples: ['storctl volume unpublish db-data --host compute-1 --yes'],
  async run(ctx, args, opts) {
    if (!opts.host) throw new UsageError('--host is required', { hint: 'list hosts with `storctl host list`' });
    const c = await kumoscale(ctx);
    const [v, h] = await Promise.all([findVolume(c, args[0]!, opts.tenant), findHost(c, opts.host)]);
    if (!(await ctx.confirm(`Unpublish volume ${v.alias ?? v.uuid} from host ${h.name ?? h.uuid}?`))) return;
    await c.op({ method: 'POST', path: '/unpublish', tenant: opts.tenant, json: { hostId: h.uuid, volId: v.uuid }, action: `cannot unpublish volume ${v.alias ?? v.uuid} from host ${h.name ?? h.uuid}` });
  },
});
