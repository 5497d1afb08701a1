import { defineCommand } from '../../framework/command.js';
import { NotFoundError } from '../../framework/errors.js';
import { kumoscale } from '../../backends/kumoscale/client.js';
import { LICENSE_COLUMNS } from '../../backends/kumoscale/views.js';

export default defineCommand({
  summary: 'Show the KumoScale license',
  description: 'Reads GET /license: the license type, its expiration date and how many backends it allows (formats as the provisioner sends them; -o json keeps every field).',
  backends: ['kumoscale'],
  columns: LICENSE_COLUMNS,
  examples: ['storctl license show', 'storctl license show -o json'],
  async run(ctx) {
    const c = await kumoscale(ctx);
    const lic = await c.one({ path: '/license', action: 'cannot read the license' });
    if (!lic) throw new NotFoundError('the provisioner reports no license', { hint: 'install one with `storctl license set KEY`' });
    await ctx.printObject(lic);
  },
});
