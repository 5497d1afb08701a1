import { defineCommand } from '../../framework/command.js';
import { UsageError } from '../../framework/errors.js';
import { kumoscale, type Rec } from '../../backends/kumoscale/client.js';
import { TENANT_FLAG } from '../../backends/kumoscale/flags.js';
import { findHost, findVolume } from '../../backends/kumoscale/resources.js';
import { targetColumns, TARGET_COLUMNS } from '../../backends/kumoscale/views.js';

interface Opts {
  host?: string;
  volume?: string;
  tenant?: string;
}

export default defineCommand<Opts>({
  summary: 'List NVMe-oF targets of a host or a volume',
  description:
    'Reads GET /targets?hostId=…&volId=… (at least one is needed): the target NQN on each backend that serves the host or the volume, with the backend\'s portals (GET /backends) — what a host passes to `nvme connect`.',
  backends: ['kumoscale'],
  flags: [
    { name: 'host', type: 'string', valueName: 'HOST', description: 'Host UUID or name' },
    { name: 'volume', type: 'string', valueName: 'VOLUME', description: 'Volume UUID or alias' },
    TENANT_FLAG,
  ],
  columns: TARGET_COLUMNS,
  examples: ['storctl target list --host compute-1', 'storctl target list --volume db-data -o json'],
  async run(ctx, _args, opts) {
    if (opts.host === undefined && opts.volume === undefined) throw new UsageError('give --host, --volume or both', { hint: 'the provisioner lists targets per host or per volume' });
    const c = await kumoscale(ctx);
    const [h, v] = await Promise.all([
      opts.host !== undefined ? findHost(c, opts.host) : undefined,
      opts.volume !== undefined ? findVolume(c, opts.volume, opts.tenant) : undefined,
    ]);
    const [targets, backends] = await Promise.all([
      c.list({ path: '/targets', query: { hostId: h ? String(h.uuid) : undefined, volId: v ? String(v.uuid) : undefined }, action: 'cannot list targets' }),
      c.list({ path: '/backends', action: 'cannot list backends' }),
    ]);
    const portals = new Map<string, Rec[]>(backends.map((b) => [String(b.persistentID), Array.isArray(b.portals) ? b.portals : []]));
    await ctx.printList(targets, targetColumns(portals));
  },
});
