import { defineCommand } from '../../framework/command.js';
import { withOpenStorage } from '../../backends/openstorage/client.js';
import { resolveVolume } from '../../backends/openstorage/resources.js';
import { VOLUME_COLUMNS } from '../../backends/openstorage/views.js';

export default defineCommand({
  summary: 'Show one OpenStorage volume by id or name',
  description:
    'Calls OpenStorageVolume.Inspect (by id, then by name). The JSON record is the SDK\'s Volume message with every field (unset scalars as their proto3 defaults): id, locator (name, labels), spec (size in bytes, ha_level, shared, io_profile, ownership…), status, state, attachment, times in ISO 8601.',
  backends: ['openstorage'],
  args: [{ name: 'volume', description: 'Volume id or name', required: true }],
  columns: VOLUME_COLUMNS.map((c) => ({ ...c, long: false })),
  examples: ['storctl volume show db1', 'storctl volume show 7a3c… -o json | jq .spec.size'],
  async run(ctx, args) {
    await withOpenStorage(ctx, async (osd) => ctx.printObject(await resolveVolume(osd, args[0]!)));
  },
});
