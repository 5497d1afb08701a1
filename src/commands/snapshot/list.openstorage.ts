import { defineCommand } from '../../framework/command.js';
import { withOpenStorage } from '../../backends/openstorage/client.js';
import { listSnapshots, parseLabels, resolveVolume } from '../../backends/openstorage/resources.js';
import { SNAPSHOT_COLUMNS } from '../../backends/openstorage/views.js';

interface Opts {
  volume?: string;
  label?: string[];
}

export default defineCommand<Opts>({
  summary: 'List OpenStorage snapshots',
  description:
    'Snapshot ids from OpenStorageVolume.SnapshotEnumerate(WithFilters), records from one InspectWithFilters. In OpenStorage a snapshot is a volume with a parent: JSON records are the SDK\'s Volume messages, with source.parent = the volume it was taken from (upstream does not set readonly on them). What is listed is what the server enumerates as snapshots; with the fake driver that includes clones.',
  backends: ['openstorage'],
  flags: [
    { name: 'volume', type: 'string', valueName: 'VOLUME', description: 'Only snapshots of this volume (id or name)' },
    { name: 'label', short: 'l', type: 'list', valueName: 'KEY=VALUE', description: 'Only snapshots with this label (repeatable)' },
  ],
  columns: SNAPSHOT_COLUMNS,
  examples: ['storctl snapshot list', 'storctl snapshot list --volume db1', 'storctl snapshot list -o json | jq -r \'.[].id\''],
  async run(ctx, _args, opts) {
    await withOpenStorage(ctx, async (osd) => {
      const volumeId = opts.volume ? String((await resolveVolume(osd, opts.volume)).id) : undefined;
      await ctx.printList(await listSnapshots(osd, { volumeId, labels: parseLabels(opts.label) }));
    });
  },
});
