import { defineCommand } from '../../framework/command.js';
import { withOpenStorage } from '../../backends/openstorage/client.js';
import { findVolumes, parseLabels, withoutSnapshots } from '../../backends/openstorage/resources.js';
import { VOLUME_COLUMNS } from '../../backends/openstorage/views.js';

interface Opts {
  name?: string;
  label?: string[];
  owner?: string;
  all?: boolean;
}

export default defineCommand<Opts>({
  summary: 'List OpenStorage volumes',
  description:
    'One call (OpenStorageVolume.InspectWithFilters) returns every volume the token may see, filtered on the server by --name, --label and --owner. Snapshots are volumes in OpenStorage (with source.parent set); the ones the server\'s SnapshotEnumerate lists are left out unless --all (one more call, made only when some volume has a parent; with the fake driver, clones are listed as snapshots too). JSON records are the SDK\'s Volume messages (spec.size in bytes, times in ISO 8601), the same as `volume show`, identical over gRPC and the REST gateway.',
  backends: ['openstorage'],
  flags: [
    { name: 'name', type: 'string', valueName: 'NAME', description: 'Only the volume with this name' },
    { name: 'label', short: 'l', type: 'list', valueName: 'KEY=VALUE', description: 'Only volumes with this label (repeatable; all must match)' },
    { name: 'owner', type: 'string', valueName: 'USER', description: 'Only volumes owned by this user' },
    { name: 'all', type: 'boolean', description: 'Include snapshots', aliases: ['snapshots'] },
  ],
  columns: VOLUME_COLUMNS,
  examples: ['storctl volume list', 'storctl volume list --label app=db --long', 'storctl volume list --owner alice -o json | jq -r \'.[].id\'', 'storctl volume list --all'],
  async run(ctx, _args, opts) {
    await withOpenStorage(ctx, async (osd) => {
      const volumes = await findVolumes(osd, { name: opts.name, labels: parseLabels(opts.label), owner: opts.owner });
      await ctx.printList(opts.all ? volumes : await withoutSnapshots(osd, volumes));
    });
  },
});
