import { defineCommand } from '../../framework/command.js';
import { StorctlError } from '../../framework/errors.js';
import { kumoscale, type Rec } from '../../backends/kumoscale/client.js';
import { findBackend } from '../../backends/kumoscale/resources.js';
import { poll } from '../../backends/kumoscale/wait.js';
import { wholeNumber } from '../../backends/kumoscale/units.js';
import { checkLabels } from '../../backends/kumoscale/flags.js';
import { BACKEND_COLUMNS } from '../../backends/kumoscale/views.js';

interface Opts {
  rack?: string;
  zone?: string;
  region?: string;
  hostId?: string;
  mgmtPort?: number;
  wait?: boolean;
}

export default defineCommand<Opts>({
  summary: 'Add a storage node to the provisioner\'s pool',
  description:
    'Sends POST /backends with the node\'s management addresses and optional location labels (rack, zone, region: at most 255 characters each). The reply carries no ID, so the new backend is found by its management IP and shown. --wait polls until its state is Available. Refusals exit with the provisioner\'s description: AlreadyExists (5), NoGroups: the node has no SSD groups (5), NotAvailable: incompatible or unreachable node (5).',
  backends: ['kumoscale'],
  args: [{ name: 'mgmt-ip', description: 'Management IPs or DNS names of the node', required: true, variadic: true }],
  flags: [
    { name: 'rack', type: 'string', valueName: 'RACK', description: 'Rack label' },
    { name: 'zone', type: 'string', valueName: 'ZONE', description: 'Zone label (e.g. a shared switch)' },
    { name: 'region', type: 'string', valueName: 'REGION', description: 'Region label (e.g. a shared cage)', overridesGlobal: true },
    { name: 'host-id', type: 'string', valueName: 'HOST_ID', description: 'The node runs inside this initiator host (3.20)' },
    { name: 'mgmt-port', type: 'number', valueName: 'PORT', description: 'The node\'s management port (provisioner default 443)' },
    { name: 'wait', type: 'boolean', description: 'Wait until the backend is Available' },
  ],
  columns: BACKEND_COLUMNS.map((c) => ({ ...c, long: false })),
  examples: ['storctl backend add 10.0.0.14 --rack r4 --zone z2 --wait', 'storctl backend add 10.0.0.15 10.1.0.15 --mgmt-port 8443'],
  async run(ctx, args, opts) {
    const body: Rec = { mgmtIPs: args, ...checkLabels(opts) };
    if (opts.hostId) body.hostId = opts.hostId;
    if (opts.mgmtPort !== undefined) body.mgmtPort = wholeNumber(opts.mgmtPort, '--mgmt-port', 65535);
    const c = await kumoscale(ctx);
    await c.op({ method: 'POST', path: '/backends', json: body, action: `cannot add backend ${args.join(', ')}` });
    const find = async () => (await c.list({ path: '/backends', action: 'cannot list backends' })).find((b) => Array.isArray(b.mgmtIPs) && b.mgmtIPs.some((ip: string) => args.includes(ip)));
    let backend = await find();
    if (!backend) throw new StorctlError(`the provisioner accepted backend ${args.join(', ')} but does not list it`, { hint: 'check `storctl backend list` in a moment' });
    if (opts.wait && backend.state !== 'Available') {
      const id = String(backend.persistentID);
      backend = (await poll(ctx, {
        label: `backend ${id}`,
        get: () => findBackend(c, id),
        describe: (b) => String(b?.state ?? 'gone'),
        done: (b) => (b ? b.state === 'Available' : 'the backend left the pool'),
      }))!;
    }
    await ctx.printObject(backend);
  },
});
