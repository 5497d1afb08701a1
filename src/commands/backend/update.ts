import { defineCommand } from '../../framework/command.js';
import { UsageError } from '../../framework/errors.js';
import { kumoscale, seg } from '../../backends/kumoscale/client.js';
import { findBackend } from '../../backends/kumoscale/resources.js';
import { BACKEND_COLUMNS } from '../../backends/kumoscale/views.js';
import { checkLabels } from '../../backends/kumoscale/flags.js';

interface Opts {
  rack?: string;
  zone?: string;
  region?: string;
}

export default defineCommand<Opts>({
  summary: 'Change a storage node\'s location labels',
  description: 'Sends PUT /backends/{persistentID} with the labels given (rack, zone, region; at most 255 characters each) and shows the backend afterwards. An empty value ("") clears a label.',
  backends: ['kumoscale'],
  args: [{ name: 'backend', description: 'Persistent ID or management IP', required: true }],
  flags: [
    { name: 'rack', type: 'string', valueName: 'RACK', description: 'New rack label' },
    { name: 'zone', type: 'string', valueName: 'ZONE', description: 'New zone label' },
    { name: 'region', type: 'string', valueName: 'REGION', description: 'New region label', overridesGlobal: true },
  ],
  columns: BACKEND_COLUMNS.map((c) => ({ ...c, long: false })),
  examples: ['storctl backend update 0c:c4:7a:5e:00:01 --rack r7', 'storctl backend update 10.0.0.11 --zone z3 --region west'],
  async run(ctx, args, opts) {
    const labels = checkLabels(opts);
    if (Object.keys(labels).length === 0) throw new UsageError('nothing to change', { hint: 'give --rack, --zone and/or --region' });
    const c = await kumoscale(ctx);
    const b = await findBackend(c, args[0]!);
    const id = String(b.persistentID);
    await c.op({ method: 'PUT', path: `/backends/${seg(id)}`, json: labels, action: `cannot update backend ${id}` });
    await ctx.printObject(await findBackend(c, id));
  },
});
