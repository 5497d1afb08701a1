import { defineCommand } from '../../framework/command.js';
import { withOpenStorage } from '../../backends/openstorage/client.js';
import { mapLimit, obj } from '../../backends/openstorage/resources.js';
import { ROLE_COLUMNS } from '../../backends/openstorage/views.js';

export default defineCommand({
  summary: 'List the roles of the OpenStorage server',
  description:
    'OpenStorageRole.Enumerate, then Inspect for each, sorted by name. JSON records are the SDK\'s SdkRole messages: name and rules (services and apis patterns; "*" globs, "!" denies). Needs a token allowed to read roles (system.admin).',
  backends: ['openstorage'],
  columns: ROLE_COLUMNS,
  examples: ['storctl role list', 'storctl role list -o json | jq -r \'.[].name\''],
  async run(ctx) {
    await withOpenStorage(ctx, async (osd) => {
      const r = await osd.call('OpenStorageRole', 'Enumerate');
      const names = [...((r.names as string[] | undefined) ?? [])].sort();
      const roles = await mapLimit(names, 8, async (name) => obj((await osd.call('OpenStorageRole', 'Inspect', { name })).role));
      await ctx.printList(roles);
    });
  },
});
