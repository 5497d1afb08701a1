import { defineCommand } from '../../framework/command.js';
import { withOpenStorage } from '../../backends/openstorage/client.js';
import { obj } from '../../backends/openstorage/resources.js';
import { ROLE_COLUMNS } from '../../backends/openstorage/views.js';

export default defineCommand({
  summary: 'Show one role and its rules',
  description: 'Calls OpenStorageRole.Inspect. The JSON record is the SDK\'s SdkRole: name and rules (services, apis).',
  backends: ['openstorage'],
  args: [{ name: 'name', description: 'Role name, e.g. system.view', required: true }],
  columns: ROLE_COLUMNS,
  examples: ['storctl role show system.view', 'storctl role show system.guest -o json'],
  async run(ctx, args) {
    await withOpenStorage(ctx, async (osd) => {
      const r = await osd.call('OpenStorageRole', 'Inspect', { name: args[0] });
      await ctx.printObject(obj(r.role));
    });
  },
});
