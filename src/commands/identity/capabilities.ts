import { defineCommand } from '../../framework/command.js';
import { withOpenStorage } from '../../backends/openstorage/client.js';
import { CAPABILITY_COLUMNS } from '../../backends/openstorage/views.js';
import type { Rec } from '../../backends/openstorage/normalize.js';

export default defineCommand({
  summary: 'List the SDK services this OpenStorage server offers',
  description:
    'Calls OpenStorageIdentity.Capabilities. Each JSON record is an SdkServiceCapability: {"service": {"type": "VOLUME"}}. Needs a token on secured servers (the guest role may not call it).',
  backends: ['openstorage'],
  columns: CAPABILITY_COLUMNS,
  examples: ['storctl identity capabilities', 'storctl identity capabilities -o json | jq -r \'.[].service.type\''],
  async run(ctx) {
    await withOpenStorage(ctx, async (osd) => {
      const r = await osd.call('OpenStorageIdentity', 'Capabilities');
      await ctx.printList((r.capabilities as Rec[] | undefined) ?? []);
    });
  },
});
